import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Bus, RecordingStorage } from '@gomeet/platform';
import {
  RECORDING_JOBS_TOPIC,
  RECORDING_STATUS_TOPIC,
  recordingJob,
  type RecordingJob as JobMessage,
  type RecordingStatus,
} from '@gomeet/protocol';
import { startJob, type JobContext, type RecordingJob } from './job.js';
import type { RecorderLogger, StateReport } from './messages.js';
import { salvageLeftovers } from './salvage.js';

/** What a recorder runs with; `apps/server` passes its own, the standalone main reads env. */
export interface RecorderOptions {
  bus: Bus;
  livekitUrl: string;
  apiKey: string;
  apiSecret: string;
  storage: RecordingStorage;
  spoolDir: string;
  ffmpegPath: string;
  /** How many recordings it runs at once (RECORDER_MAX_JOBS, default 2); a full one does not claim. */
  maxJobs?: number;
  /** This instance's id on the bus; a new one per process by default. */
  owner?: string;
  logger: RecorderLogger;
}

/** A running recorder; `close` stops its recordings (they are uploaded) and leaves the bus. */
export interface Recorder {
  owner: string;
  close(): Promise<void>;
}

const HEARTBEAT_MS = 5_000;
/** A claim that is not answered by `assigned` in this time is forgotten (another recorder won). */
const CLAIM_TTL_MS = 10_000;

/**
 * Starts a recorder: first uploads what a killed predecessor left in the spool dir, then
 * claims requested recordings while it has room, runs the ones assigned to it, and sends a
 * heartbeat every 5 s while it holds any.
 */
export async function startRecorder(o: RecorderOptions): Promise<Recorder> {
  const owner = o.owner ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const maxJobs = o.maxJobs ?? 2;
  const log = o.logger;
  const publish = (message: RecordingStatus) => o.bus.publish(RECORDING_STATUS_TOPIC, message);
  const report = (recordingId: string, r: StateReport) =>
    publish({ type: 'recording.state', recordingId, owner, ...r });

  await salvageLeftovers(o.spoolDir, o.storage, log, report).catch((err: unknown) =>
    log.error({ err }, 'salvaging leftover recordings failed'),
  );

  const claims = new Map<
    string,
    { message: Extract<JobMessage, { type: 'recording.requested' }>; timer: NodeJS.Timeout }
  >();
  const jobs = new Map<string, RecordingJob>();
  let closing = false;
  const ctx = (recordingId: string): JobContext => ({
    livekitUrl: o.livekitUrl,
    apiKey: o.apiKey,
    apiSecret: o.apiSecret,
    storage: o.storage,
    spoolDir: o.spoolDir,
    ffmpegPath: o.ffmpegPath,
    log,
    report: (r) => report(recordingId, r),
  });
  const forgetClaim = (recordingId: string) => {
    clearTimeout(claims.get(recordingId)?.timer);
    claims.delete(recordingId);
  };

  const onJob = (raw: unknown) => {
    const parsed = recordingJob.safeParse(raw);
    if (!parsed.success) {
      log.warn({ issues: parsed.error.issues.length }, 'ignored a malformed recording job message');
      return;
    }
    const message = parsed.data;
    const { recordingId } = message;
    if (message.type === 'recording.requested') {
      if (closing || claims.has(recordingId) || jobs.has(recordingId)) return;
      if (claims.size + jobs.size >= maxJobs) return;
      claims.set(recordingId, {
        message,
        timer: setTimeout(() => forgetClaim(recordingId), CLAIM_TTL_MS),
      });
      void publish({ type: 'recording.claim', recordingId, owner }).catch((err: unknown) =>
        log.warn({ err, recordingId }, 'could not send a recording claim'),
      );
    } else if (message.type === 'recording.assigned') {
      const claim = claims.get(recordingId);
      forgetClaim(recordingId);
      if (!claim || message.owner !== owner || closing) return;
      const job = startJob(ctx(recordingId), claim.message);
      jobs.set(recordingId, job);
      void job.done.finally(() => jobs.delete(recordingId));
    } else {
      void jobs.get(recordingId)?.stop();
    }
  };
  const unsubscribe = await o.bus.subscribe(RECORDING_JOBS_TOPIC, onJob);

  const heartbeat = setInterval(() => {
    if (jobs.size === 0) return;
    void publish({ type: 'recording.heartbeat', owner, recordingIds: [...jobs.keys()] }).catch(
      (err: unknown) => log.warn({ err }, 'could not send the recorder heartbeat'),
    );
  }, HEARTBEAT_MS);
  log.info({ owner, maxJobs }, 'recorder ready');

  return {
    owner,
    async close() {
      closing = true;
      await unsubscribe();
      for (const id of [...claims.keys()]) forgetClaim(id);
      // Heartbeats go on while the recordings are finished and uploaded.
      await Promise.all([...jobs.values()].map((job) => job.stop()));
      clearInterval(heartbeat);
    },
  };
}
