import { AppError, publishToMeeting, roster } from '@gomeet/platform';
import type { StageState } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import { loadMeeting, loadMeetingToModerate, requireNotOver } from '../meetings/access.js';
import { isMember } from '../roster/roster-store.js';
import { moderatorName } from './mute-participants.js';
import { requireMember } from './require-member.js';

/** Live-state key of the identity a host spotlights in meeting `code`. */
function spotlightKey(code: string): string {
  return `meeting:${code}:spotlight`;
}

/** Longer than any meeting runs: the key outlives no meeting by much. */
const SPOTLIGHT_TTL_MS = 7 * 24 * 3600_000;

/**
 * Puts `identity` on everyone's stage, or ends the spotlight with null (host and co-hosts).
 * Kept in live state, so a reload or a reconnect finds it (getStage), then `stage.spotlight`
 * to everyone. 404 when the person is not in the meeting.
 */
export async function setSpotlight({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string; identity: string | null };
}): Promise<StageState> {
  const meeting = await loadMeetingToModerate(ctx, input.code, 'spotlight people');
  const { identity } = input;
  if (identity === null) {
    await ctx.live.del(spotlightKey(meeting.code));
  } else {
    await requireMember(ctx, meeting.code, identity);
    await ctx.live.set(spotlightKey(meeting.code), identity, SPOTLIGHT_TTL_MS);
  }
  await publishToMeeting(ctx.bus, meeting.code, {
    type: 'stage.spotlight',
    identity,
    by: moderatorName(ctx),
  });
  return { spotlight: identity };
}

/** The meeting's shared stage, for anyone in it (403 for people who are not). */
export async function getStage({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string };
}): Promise<StageState> {
  const meeting = await loadMeeting(ctx, input.code);
  requireNotOver(meeting);
  if (!isMember(await roster.get(ctx.live, meeting.code, ctx.actor.id))) {
    throw new AppError('FORBIDDEN', 'Join the meeting to see its stage.', {
      type: 'not-in-meeting',
    });
  }
  return { spotlight: (await ctx.live.get(spotlightKey(meeting.code))) ?? null };
}
