import type { Ctx } from '../deps.js';
import { loadMeeting, requireHost } from '../meetings/access.js';
import { findRecording, recordingNotFound } from './repo.js';
import type { RecordingRow } from './tables.js';

/**
 * Recording `id` of meeting `code` for a host's action `what` (co-hosts too unless `coHosts` is
 * false): 404 for an unknown meeting or a recording that is gone, 403 for anyone else.
 */
export async function loadHostedRecording(
  ctx: Ctx,
  input: { code: string; id: string },
  what: string,
  coHosts = true,
): Promise<RecordingRow> {
  const meeting = await loadMeeting(ctx, input.code);
  requireHost(meeting, ctx.actor, what, coHosts);
  const row = await findRecording(ctx.db, meeting.code, input.id);
  if (!row || row.deleted_at) throw recordingNotFound();
  return row;
}
