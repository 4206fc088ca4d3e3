import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Bus, RecordingStorage } from '@gomeet/platform';
import {
  RECORDING_JOBS_TOPIC,
  RECORDING_STATUS_TOPIC,
  recordingJob,
  type RecordingJob,
  type RecordingStatus,
} from '@gomeet/protocol';

type Requested = Extract<RecordingJob, { type: 'recording.requested' }>;

/**
 * A stand-in for services/recorder on the bus only: it claims jobs, heartbeats while it holds
 * them, and reports states when the test says so — `finish` writes a small file through the
 * real storage, as the recorder would after ffmpeg. No media: the end-to-end test in
 * apps/server runs the real recorder.
 */
export async function startRecorderStandIn(
  bus: Bus,
  o: { owner: string; storage: RecordingStorage; dir: string; heartbeatMs: number },
) {
  const requested: Requested[] = [];
  const assigned = new Set<string>();
  const stops: string[] = [];
  const say = (m: RecordingStatus) => bus.publish(RECORDING_STATUS_TOPIC, m);
  const unsubscribe = await bus.subscribe(RECORDING_JOBS_TOPIC, (raw) => {
    const job = recordingJob.parse(raw);
    if (job.type === 'recording.requested') {
      requested.push(job);
      void say({ type: 'recording.claim', recordingId: job.recordingId, owner: o.owner });
    } else if (job.type === 'recording.assigned' && job.owner === o.owner) {
      assigned.add(job.recordingId);
    } else if (job.type === 'recording.stop') {
      stops.push(job.recordingId);
    }
  });
  const beat = setInterval(() => {
    if (assigned.size > 0)
      void say({ type: 'recording.heartbeat', owner: o.owner, recordingIds: [...assigned] });
  }, o.heartbeatMs);
  const stateOf = (recordingId: string, state: 'recording' | 'stopping' | 'uploading') =>
    say({ type: 'recording.state', recordingId, owner: o.owner, state });
  return {
    owner: o.owner,
    requested,
    assigned,
    stops,
    say,
    report: stateOf,
    /** Uploads a file for `recordingId` and reports it ready; returns its key and content. */
    async finish(recordingId: string, code: string) {
      const key = `recordings/${code}/${recordingId}.mp4`;
      const content = `not really an mp4 ${recordingId}`;
      const file = path.join(o.dir, `${recordingId}.mp4`);
      await writeFile(file, content);
      const { bytes } = await o.storage.put(key, file, 'video/mp4');
      await say({
        type: 'recording.state',
        recordingId,
        owner: o.owner,
        state: 'ready',
        objectKey: key,
        bytes,
        durationMs: 10_000,
      });
      assigned.delete(recordingId);
      return { key, content };
    },
    /** Stops heartbeating, as a killed recorder would. */
    silence: () => clearInterval(beat),
    async stop() {
      clearInterval(beat);
      await unsubscribe();
    },
  };
}
