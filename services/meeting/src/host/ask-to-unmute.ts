import { AppError, publishToMeeting, roster } from '@gomeet/platform';
import type { Ctx } from '../deps.js';
import { loadMeetingToModerate } from '../meetings/access.js';
import { isMember } from '../roster/roster-store.js';
import { moderatorName } from './mute-participants.js';

/**
 * Asks one participant to unmute (host and co-hosts). Only a request: nobody is ever unmuted
 * remotely. 404 when they are not in the meeting.
 */
export async function askToUnmute({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string; identity: string };
}): Promise<void> {
  const meeting = await loadMeetingToModerate(ctx, input.code, 'ask people to unmute');
  if (!isMember(await roster.get(ctx.live, meeting.code, input.identity))) {
    throw new AppError('NOT_FOUND', 'Nobody with this identity is in the meeting.', {
      type: 'participant-not-found',
    });
  }
  await publishToMeeting(
    ctx.bus,
    meeting.code,
    { type: 'unmute.requested', by: moderatorName(ctx) },
    { identities: [input.identity] },
  );
}
