import type { RecordingList } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import { loadMeeting, requireHost } from '../meetings/access.js';
import { presentRecording } from './present-recording.js';
import type { Recordings } from './recordings.js';
import { listRecordings as listRows } from './repo.js';

/** A meeting's recordings, newest first (host and co-hosts, also after the meeting ended). */
export async function listRecordings({
  ctx,
  recordings,
  input,
}: {
  ctx: Ctx;
  recordings: Recordings;
  input: { code: string };
}): Promise<RecordingList> {
  const meeting = await loadMeeting(ctx, input.code);
  requireHost(meeting, ctx.actor, 'see this meeting’s recordings');
  const rows = await listRows(ctx.db, meeting.code);
  return {
    recordings: rows.map((row) => presentRecording(row, recordings.deps?.retentionDays)),
  };
}
