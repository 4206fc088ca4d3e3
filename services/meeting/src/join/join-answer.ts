import { breakoutRoomOf, breakoutStore } from '@gomeet/platform';
import { breakoutRoomName, type JoinResult } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import type { MeetingRow } from '../meetings/tables.js';
import type { RosterPerson } from '../roster/roster-store.js';
import { iceServersFor } from './ice-servers.js';
import { issueJoinToken } from './issue-join-token.js';

/** What someone let into a meeting connects to LiveKit with. */
export type JoinAnswer = Extract<JoinResult, { status: 'joined' }>;

/**
 * Mints the LiveKit token (and TURN credentials) for someone let into `meeting`. The only
 * place tokens are made: the join route, lobby admission and breakout moves call it, after
 * their checks. The token is for breakout room `room` (its number) or the main room (null);
 * left out, for where they belong now: their breakout room while the rooms are open, so a
 * reconnect lands back there. Whether the meeting is being recorded comes from the meeting
 * cache, which every recording transition drops (a query here was most of a re-join's CPU on
 * PGlite).
 */
export async function mintJoinAnswer(
  ctx: Ctx,
  meeting: Pick<MeetingRow, 'code' | 'allow_screen_share' | 'mute_on_entry'>,
  who: RosterPerson,
  room?: number | null,
): Promise<JoinAnswer> {
  const snapshot = await ctx.meetings.get(meeting.code);
  const breakoutRoom =
    room !== undefined
      ? room
      : breakoutRoomOf(await breakoutStore.read(ctx.live, meeting.code), who.identity, ctx.now());
  return {
    status: 'joined',
    livekitUrl: ctx.livekit.url,
    token: issueJoinToken(ctx.livekit, {
      code: breakoutRoom === null ? meeting.code : breakoutRoomName(meeting.code, breakoutRoom),
      allowScreenShare: meeting.allow_screen_share,
      micOff: meeting.mute_on_entry,
      ...who,
    }),
    role: who.role,
    identity: who.identity,
    iceServers: iceServersFor(ctx, who.identity),
    recording: snapshot?.recording ?? false,
    e2ee: snapshot?.meeting.e2ee ?? false,
    breakoutRoom,
  };
}
