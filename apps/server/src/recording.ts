import { createHmac } from 'node:crypto';
import path from 'node:path';
import {
  openRecordingStorage,
  recordingStorageOptions,
  type Bus,
  type RecordingStorage,
} from '@gomeet/platform';
import { RECORDING_FILES_PATH, recordingSettings, type RecordingDeps } from '@gomeet/meeting';
import { findFfmpeg, startRecorder } from '@gomeet/recorder';
import type { FastifyBaseLogger } from 'fastify';
import type { ServerConfig } from './config.js';
import { isLoopback } from './media-address.js';

/** Whether this server records, as the start-up banner says it. */
export type RecordingSummary = { on: true; ffmpeg: string } | { on: false; reason: string };

/** What deciding about recording needs to know about the server being started. */
export interface RecordingPlan {
  summary: RecordingSummary;
  deps: RecordingDeps;
  /** Starts the in-process recorder once LiveKit runs (a no-op when recording is off). */
  start(o: { bus: Bus; livekitUrl: string; log: FastifyBaseLogger }): Promise<() => Promise<void>>;
}

const NO_FFMPEG = 'install ffmpeg (apt-get install ffmpeg) to record';

/** Why the in-process recorder cannot reach media here, or undefined when it can. */
function mediaProblem(nodeIp: string | undefined): string | undefined {
  if (nodeIp === undefined || !isLoopback(nodeIp)) return undefined;
  // @livekit/rtc-node drops loopback ICE candidates: a recorder would join and receive nothing.
  return `LiveKit advertises only ${nodeIp}, and the recorder's WebRTC client ignores loopback addresses; start with HOST set to this machine's LAN address (or HOST=0.0.0.0) to record`;
}

/**
 * Decides whether the all-in-one server records: storage (GOMEET_DATA_DIR/recordings, or the
 * bucket), ffmpeg (FFMPEG_PATH or PATH), and LiveKit on an address the recorder can use.
 * Recording off still serves the recordings already made.
 */
export async function planRecording(o: {
  config: ServerConfig;
  dataDir: string;
  /** The embedded LiveKit's advertised address; undefined with an external LIVEKIT_URL. */
  nodeIp: string | undefined;
  apiKey: string;
  apiSecret: string;
}): Promise<RecordingPlan> {
  const { config } = o;
  const storage: RecordingStorage = openRecordingStorage(
    recordingStorageOptions(config, {
      dir: path.join(o.dataDir, 'recordings'),
      // Local download links are signed with a key derived from the LiveKit secret: no new secret.
      secret: createHmac('sha256', o.apiSecret)
        .update('gomeet recording links')
        .digest('base64url'),
      basePath: RECORDING_FILES_PATH,
    }),
  );
  const ffmpeg = config.FFMPEG_PATH ?? (await findFfmpeg());
  const reason = ffmpeg ? mediaProblem(o.nodeIp) : NO_FFMPEG;
  const summary: RecordingSummary =
    ffmpeg && reason === undefined
      ? { on: true, ffmpeg }
      : { on: false, reason: reason ?? NO_FFMPEG };
  const deps: RecordingDeps = {
    storage,
    ...recordingSettings(config),
    ...(summary.on ? {} : { unavailableReason: summary.reason }),
  };
  return {
    summary,
    deps,
    async start({ bus, livekitUrl, log }) {
      if (!summary.on) return () => Promise.resolve();
      const recorder = await startRecorder({
        bus,
        livekitUrl,
        apiKey: o.apiKey,
        apiSecret: o.apiSecret,
        storage,
        spoolDir: config.RECORDER_SPOOL_DIR ?? path.join(o.dataDir, 'recordings-spool'),
        ffmpegPath: summary.ffmpeg,
        maxJobs: config.RECORDER_MAX_JOBS,
        logger: log.child({ component: 'recorder' }),
      });
      return () => recorder.close();
    },
  };
}
