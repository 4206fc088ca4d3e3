import type { JoinResult } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import type { MeetingRow } from '../meetings/tables.js';
import type { RosterPerson } from '../roster/roster-store.js';
import { iceServersFor } from './ice-servers.js';
import { issueJoinToken } from './issue-join-token.js';

/** What someone let into a meeting connects to LiveKit with. */
export type JoinAnswer = Extract<JoinResult, { status: 'joined' }>;

/**
 * Mints the LiveKit token (and TURN credentials) for someone let into `meeting`. The only
 * place tokens are made: the join route and lobby admission both call it, after their checks.
 * Whether the meeting is being recorded comes from the meeting cache, which every recording
 * transition drops (a query here was most of a re-join's CPU on PGlite).
 */
export async function mintJoinAnswer(
  ctx: Ctx,
  meeting: Pick<MeetingRow, 'code' | 'allow_screen_share' | 'mute_on_entry'>,
  who: RosterPerson,
): Promise<JoinAnswer> {
  const snapshot = await ctx.meetings.get(meeting.code);
  return {
    status: 'joined',
    livekitUrl: ctx.livekit.url,
    token: issueJoinToken(ctx.livekit, {
      code: meeting.code,
      allowScreenShare: meeting.allow_screen_share,
      micOff: meeting.mute_on_entry,
      ...who,
    }),
    role: who.role,
    identity: who.identity,
    iceServers: iceServersFor(ctx, who.identity),
    recording: snapshot?.recording ?? false,
  };
}
