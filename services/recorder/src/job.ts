import type { RecordingStorage } from '@gomeet/platform';
import { AccessToken } from 'livekit-server-sdk';
import { stat } from 'node:fs/promises';
import { startFeed, type FeedStats } from './clock.js';
import { startEncoder } from './ffmpeg.js';
import type { RecorderLogger, StateReport } from './messages.js';
import { joinRoom, type RoomCapture } from './room-capture.js';
import {
  contentType,
  objectKey,
  removeSpool,
  spoolPaths,
  writeSidecar,
  type SpoolEntry,
} from './spool.js';
import { uploadWithRetry } from './upload.js';

/** What a recording job needs from its recorder. */
export interface JobContext {
  livekitUrl: string;
  apiKey: string;
  apiSecret: string;
  storage: RecordingStorage;
  spoolDir: string;
  ffmpegPath: string;
  log: RecorderLogger;
  /** Publishes a `recording.state` for this job (the owner is filled in by the recorder). */
  report(report: StateReport): Promise<void>;
}

/** One recording this recorder owns. */
export interface RecordingJob {
  recordingId: string;
  /** Asks the job to stop and upload; resolves with `done`. */
  stop(): Promise<void>;
  /** Resolves when the job has reported `ready` or `failed`. */
  done: Promise<void>;
}

/** The job as meeting-service requested it. */
export interface JobRequest {
  recordingId: string;
  meetingCode: string;
  roomName: string;
  audioOnly: boolean;
}

/** The recorder's LiveKit token: hidden, subscribe only, for one room. */
export function recorderToken(
  apiKey: string,
  apiSecret: string,
  roomName: string,
  recordingId: string,
): Promise<string> {
  const token = new AccessToken(apiKey, apiSecret, {
    identity: `recorder-${recordingId}`,
    ttl: '6h',
  });
  token.addGrant({
    roomJoin: true,
    room: roomName,
    hidden: true,
    canSubscribe: true,
    canPublish: false,
    canPublishData: false,
  });
  return token.toJwt();
}

const ENCODER_GRACE_MS = 30_000;

/** How the capture ended and what ffmpeg made of it. */
interface Capture {
  stats: FeedStats;
  /** ffmpeg died or stalled: what it wrote is kept, but the recording is cut short. */
  broken: boolean;
}

/** Feeds ffmpeg from the room until asked to stop, the room ends or ffmpeg fails. */
async function capture(
  ctx: JobContext,
  room: RoomCapture,
  media: string,
  entry: SpoolEntry,
  stopRequested: Promise<void>,
): Promise<Capture> {
  const encoder = startEncoder(ctx.ffmpegPath, media, entry.audioOnly);
  const feed = startFeed(room, encoder, entry.audioOnly);
  await ctx.report({ state: 'recording' });
  ctx.log.info({ recordingId: entry.recordingId, audioOnly: entry.audioOnly }, 'recording started');
  const ended = await Promise.race([
    stopRequested.then(() => 'stopped' as const),
    room.disconnected.then(() => 'room ended' as const),
    encoder.exited.then(() => 'encoder exited' as const),
    feed.stalled.catch(() => 'encoder stalled' as const),
  ]);
  await ctx.report({ state: 'stopping' });
  const stats = feed.stop();
  await encoder.finish(ENCODER_GRACE_MS);
  await room.close();
  const { code, stderr } = await encoder.exited;
  const broken = ended === 'encoder exited' || ended === 'encoder stalled' || code !== 0;
  ctx.log.info(
    { recordingId: entry.recordingId, ended, ...stats, ffmpegExit: code },
    'recording ended',
  );
  if (broken)
    ctx.log.error({ recordingId: entry.recordingId, stderr: stderr.slice(-1000) }, 'ffmpeg failed');
  return { stats, broken };
}

/** Uploads the finished spool file and reports `ready` (or `failed` + partial when cut short). */
async function deliver(ctx: JobContext, entry: SpoolEntry, media: string, result: Capture) {
  const bytes = await stat(media).then(
    (s) => s.size,
    () => 0,
  );
  if (bytes === 0) {
    await removeSpool(ctx.spoolDir, entry.recordingId);
    await ctx.report({ state: 'failed', reason: 'the encoder could not write the recording' });
    return;
  }
  await ctx.report({ state: 'uploading' });
  const key = objectKey(entry);
  const stored = await uploadWithRetry(
    ctx.storage,
    key,
    media,
    contentType(entry.audioOnly),
    ctx.log,
  );
  if (!stored) {
    // The spool file stays: the next start of this recorder uploads it as a partial file.
    await ctx.report({ state: 'failed', reason: 'the recording could not be uploaded to storage' });
    return;
  }
  await removeSpool(ctx.spoolDir, entry.recordingId);
  const file = { objectKey: key, bytes: stored.bytes, durationMs: result.stats.durationMs };
  await ctx.report(
    result.broken
      ? {
          state: 'failed',
          reason: 'the encoder stopped during the recording; the part recorded before is kept',
          ...file,
          partial: true,
        }
      : { state: 'ready', ...file },
  );
}

/**
 * Records one meeting: writes the sidecar, joins the room, feeds ffmpeg until it is asked to
 * stop (or the room ends), then uploads the file and reports `ready`. A failure to join
 * reports `failed`; ffmpeg dying mid-way keeps the part recorded (`failed`, partial).
 */
export function startJob(ctx: JobContext, request: JobRequest): RecordingJob {
  const { recordingId, meetingCode, audioOnly } = request;
  let requestStop: () => void = () => undefined;
  const stopRequested = new Promise<void>((resolve) => (requestStop = resolve));

  const run = async () => {
    const entry = { recordingId, meetingCode, audioOnly, startedAt: new Date().toISOString() };
    const { media } = spoolPaths(ctx.spoolDir, recordingId);
    await writeSidecar(ctx.spoolDir, entry);
    let room: RoomCapture;
    try {
      const token = await recorderToken(ctx.apiKey, ctx.apiSecret, request.roomName, recordingId);
      room = await joinRoom(ctx.livekitUrl, token, audioOnly);
    } catch (err) {
      ctx.log.error({ err, recordingId }, 'recorder could not join the meeting room');
      await removeSpool(ctx.spoolDir, recordingId);
      await ctx.report({ state: 'failed', reason: 'the recorder could not join the meeting' });
      return;
    }
    await deliver(ctx, entry, media, await capture(ctx, room, media, entry, stopRequested));
  };

  const done = run().catch(async (err: unknown) => {
    ctx.log.error({ err, recordingId }, 'recording failed');
    await ctx
      .report({ state: 'failed', reason: 'the recorder hit an internal error' })
      .catch(() => undefined);
  });
  return {
    recordingId,
    stop: async () => {
      requestStop();
      await done;
    },
    done,
  };
}
