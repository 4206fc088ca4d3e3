import { AppError, roster } from '@gomeet/platform';
import type { Ctx } from '../deps.js';
import { mediaPermission } from '../join/issue-join-token.js';
import { loadMeeting, requireNotOver } from '../meetings/access.js';
import { isMember } from '../roster/roster-store.js';
import { updateRoomPermission } from './room-service.js';

/**
 * The caller unmutes in a "mute on entry" meeting: their join token left the microphone out,
 * and this adds it to their LiveKit permissions at once. Only members of the meeting (403
 * otherwise); asking again, or in a meeting without the setting, changes nothing.
 */
export async function allowMyMicrophone({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string };
}): Promise<void> {
  const meeting = await loadMeeting(ctx, input.code);
  requireNotOver(meeting);
  const entry = await roster.get(ctx.live, meeting.code, ctx.actor.id);
  if (!entry || !isMember(entry)) {
    throw new AppError('FORBIDDEN', 'Join the meeting before turning your microphone on.', {
      type: 'not-in-meeting',
    });
  }
  const permission = mediaPermission({
    role: entry.role,
    allowScreenShare: meeting.allow_screen_share,
  });
  await updateRoomPermission(ctx, meeting.code, ctx.actor.id, permission);
}
