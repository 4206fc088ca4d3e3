import type { Meeting } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import { loadMeeting, requireGuestScope } from './access.js';
import { myRoleIn, presentMeeting } from './present-meeting.js';

/** The public view of one meeting, for anyone signed in who knows its code. */
export async function getMeeting({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string };
}): Promise<Meeting> {
  const meeting = await loadMeeting(ctx, input.code);
  requireGuestScope(ctx.actor, meeting.code);
  return presentMeeting(meeting, ctx.publicUrl, myRoleIn(meeting, ctx.actor.id));
}
