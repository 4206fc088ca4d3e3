import { breakoutRoomOf, breakoutStore } from '@gomeet/platform';
import { breakoutRoomName, type JoinResult } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import type { JoinSnapshot } from '../meetings/meeting-cache.js';
import type { MeetingRow } from '../meetings/tables.js';
import type { RosterPerson } from '../roster/roster-store.js';
import { iceServersFor } from './ice-servers.js';
import { issueJoinToken } from './issue-join-token.js';

/** What someone let into a meeting connects to LiveKit with. */
export type JoinAnswer = Extract<JoinResult, { status: 'joined' }>;

/** What a join answer says of the meeting: the row's media settings, where tokens go. */
type AnsweredMeeting = Pick<MeetingRow, 'code' | 'allow_screen_share' | 'mute_on_entry'>;

/**
 * Mints the LiveKit token (and TURN credentials) for someone let into `meeting`. The only
 * place tokens are made: the join route, lobby admission and breakout moves call it (or
 * {@link answerJoin}, with what they already read), after their checks. The token is for
 * breakout room `room` (its number) or the main room (null); left out, for where they belong
 * now: their breakout room while the rooms are open, so a reconnect lands back there. Whether
 * the meeting is being recorded comes from the meeting cache, which every recording transition
 * drops (a query here was most of a re-join's CPU on PGlite).
 */
export async function mintJoinAnswer(
  ctx: Ctx,
  meeting: AnsweredMeeting,
  who: RosterPerson,
  room?: number | null,
): Promise<JoinAnswer> {
  const [snapshot, breakouts] = await Promise.all([
    ctx.meetings.get(meeting.code),
    room === undefined ? breakoutStore.read(ctx.live, meeting.code) : undefined,
  ]);
  const target = room !== undefined ? room : breakoutRoomOf(breakouts, who.identity, ctx.now());
  return answerJoin(ctx, meeting, who, target, snapshot);
}

/**
 * The answer for `who`, to breakout room `room` or the main room (null), from the meeting's
 * cached snapshot the caller already holds: no await, so a re-join read everything it needs
 * in one round.
 */
export function answerJoin(
  ctx: Ctx,
  meeting: AnsweredMeeting,
  who: RosterPerson,
  room: number | null,
  snapshot: JoinSnapshot | undefined,
): JoinAnswer {
  return {
    status: 'joined',
    livekitUrl: ctx.livekit.url,
    token: issueJoinToken(ctx.livekit, {
      code: room === null ? meeting.code : breakoutRoomName(meeting.code, room),
      allowScreenShare: meeting.allow_screen_share,
      micOff: meeting.mute_on_entry,
      ...who,
    }),
    role: who.role,
    identity: who.identity,
    iceServers: iceServersFor(ctx, who.identity),
    recording: snapshot?.recording ?? false,
    e2ee: snapshot?.meeting.e2ee ?? false,
    breakoutRoom: room,
  };
}
