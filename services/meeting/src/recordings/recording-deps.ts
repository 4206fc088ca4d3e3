/**
 * The calls this service makes on recording storage (`RecordingStorage` in @gomeet/platform):
 * it signs download links, serves local files, and deletes; recorders do the uploading.
 */
export interface RecordingFiles {
  readonly kind: 'local' | 's3';
  downloadUrl(key: string, ttlSeconds: number, filename: string): Promise<string>;
  verify(key: string, expires: string, sig: string): boolean;
  open(key: string): Promise<{ stream: NodeJS.ReadableStream; bytes: number } | undefined>;
  delete(key: string): Promise<void>;
}

/** How long the service waits on recorders, and how often it checks (tests shorten these). */
export interface RecordingTiming {
  /** A requested recording nobody claims within this fails "no recorder is available". */
  claimTimeoutMs: number;
  /** An owner silent this long fails its recordings "the recorder stopped responding". */
  heartbeatTimeoutMs: number;
  /** How often both timeouts are checked. */
  sweepIntervalMs: number;
  /** How often retention deletes expired files, and how many per run. */
  retentionIntervalMs: number;
  retentionBatch: number;
}

/** The contract's timings (docs/RECORDING.md). */
export const DEFAULT_RECORDING_TIMING: RecordingTiming = {
  claimTimeoutMs: 15_000,
  heartbeatTimeoutMs: 20_000,
  sweepIntervalMs: 5_000,
  retentionIntervalMs: 60 * 60_000,
  retentionBatch: 100,
};

/** Where recording events are POSTed, signed with HMAC-SHA256 of `secret`. */
export interface RecordingWebhook {
  url: string;
  secret: string;
}

/** What recording needs beyond the meeting service's own dependencies. */
export interface RecordingDeps {
  /** Where recorders put finished files; download links come from it. */
  storage: RecordingFiles;
  /**
   * Why no recorder can run with this deployment (e.g. ffmpeg is missing): starting a recording
   * answers 503 with it. Undefined: recorders are expected to claim jobs from the bus.
   */
  unavailableReason?: string | undefined;
  /** Files are deleted this many days after their recording ended; undefined keeps them. */
  retentionDays?: number | undefined;
  webhook?: RecordingWebhook | undefined;
  /** How long a download link works (default 300 s). */
  downloadTtlSeconds?: number;
  timing?: Partial<RecordingTiming>;
}
