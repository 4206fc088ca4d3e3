import { publishToMeeting } from '@gomeet/platform';
import type { Ctx } from '../deps.js';
import { loadMeetingToModerate } from '../meetings/access.js';
import { moderatorName } from './mute-participants.js';
import { requireMember } from './require-member.js';

/**
 * Lowers one person's hand, or everyone's with `identity` null (host and co-hosts). Hands live
 * in signaling's presence, so this announces `hands.lowered`; each signaling instance lowers
 * the hands of the sockets it holds and publishes the new queue. 404 for someone not in the
 * meeting; a hand already down stays down.
 */
export async function lowerHands({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string; identity: string | null };
}): Promise<void> {
  const meeting = await loadMeetingToModerate(ctx, input.code, 'lower hands');
  const { identity } = input;
  if (identity !== null) await requireMember(ctx, meeting.code, identity);
  await publishToMeeting(ctx.bus, meeting.code, {
    type: 'hands.lowered',
    who: identity === null ? 'all' : [identity],
    by: moderatorName(ctx),
  });
}
