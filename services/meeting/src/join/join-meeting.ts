import { AppError, type Actor } from '@gomeet/platform';
import type { JoinResult, Role } from '@gomeet/protocol';
import type { Transaction } from 'kysely';
import type { Ctx } from '../deps.js';
import {
  isHostRole,
  meetingNotFound,
  requireGuestScope,
  requireNotOver,
  roleOf,
} from '../meetings/access.js';
import { normaliseMeetingCode } from '../meetings/meeting-code.js';
import { verifyPasscode } from '../meetings/passcode.js';
import {
  findMeetingToJoin,
  lockMeeting,
  updateMeetingRow,
  type MeetingForUser,
} from '../meetings/repo.js';
import { countAttending, enterLobby, openAttendance } from './repo.js';
import type { MeetingDatabase, MeetingRow } from '../meetings/tables.js';
import { iceServersFor } from './ice-servers.js';
import { issueJoinToken } from './issue-join-token.js';

interface Joiner {
  identity: string;
  name: string;
  role: Role;
}

async function checkPasscode(
  meeting: MeetingForUser,
  role: Role,
  passcode: string | undefined,
): Promise<void> {
  if (!meeting.passcode_hash || isHostRole(role)) return;
  if (!passcode)
    throw new AppError('FORBIDDEN', 'This meeting needs a passcode.', {
      type: 'passcode-required',
    });
  if (!(await verifyPasscode(meeting.passcode_hash, passcode))) {
    throw new AppError('FORBIDDEN', 'The passcode is not right.', { type: 'wrong-passcode' });
  }
}

function checkGuest(meeting: MeetingForUser, actor: Actor): void {
  if (actor.kind !== 'guest') return;
  if (!meeting.allow_guests) {
    throw new AppError('FORBIDDEN', 'This meeting does not let guests in; sign in to join.', {
      type: 'guests-not-allowed',
    });
  }
  requireGuestScope(actor, meeting.code);
}

/**
 * Under the meeting's row lock: the capacity check, the lobby, the attendance row and the
 * first-join state change, so two joins can never both take the last seat.
 */
async function enterRoom(trx: Transaction<MeetingDatabase>, ctx: Ctx, code: string, who: Joiner) {
  const meeting = await lockMeeting(trx, code);
  if (!meeting) throw meetingNotFound();
  requireNotOver(meeting);
  const { attending, mine } = await countAttending(trx, code, who.identity);
  if (!mine && attending >= meeting.max_participants) {
    throw new AppError('CONFLICT', `This meeting is full (${meeting.max_participants} people).`, {
      type: 'meeting-full',
    });
  }
  const now = ctx.now();
  if (meeting.lobby && !isHostRole(who.role)) {
    const state = await enterLobby(trx, { meeting_code: code, ...who, requested_at: now });
    if (state === 'denied')
      throw new AppError('FORBIDDEN', 'The host did not let you in.', { type: 'lobby-denied' });
    if (state === 'waiting') return { status: 'waiting' as const, meeting };
  }
  if (!mine) await openAttendance(trx, { meeting_code: code, ...who, joined_at: now });
  if (meeting.state === 'scheduled')
    await updateMeetingRow(trx, code, { state: 'live', started_at: now, updated_at: now });
  return { status: 'joined' as const, meeting };
}

async function joined(ctx: Ctx, meeting: MeetingRow, who: Joiner): Promise<JoinResult> {
  const token = await issueJoinToken(ctx.livekit, {
    code: meeting.code,
    allowScreenShare: meeting.allow_screen_share,
    ...who,
  });
  const iceServers = iceServersFor(ctx, who.identity);
  return {
    status: 'joined',
    livekitUrl: ctx.livekit.url,
    token,
    role: who.role,
    identity: who.identity,
    iceServers,
  };
}

/**
 * Lets the caller into a meeting. Checks, in order: it exists (404), it is not over (410),
 * the passcode (403, hosts skip it), guests allowed and guest pass for this meeting (403),
 * room left (409). Then the lobby holds non-hosts (202 "waiting") until admitted; everyone
 * else gets a LiveKit token for this meeting's room.
 */
export async function joinMeeting({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string; passcode?: string | undefined };
}): Promise<JoinResult> {
  const code = normaliseMeetingCode(input.code);
  const found = code ? await findMeetingToJoin(ctx.db, code, ctx.actor.id) : undefined;
  if (!found) throw meetingNotFound();
  requireNotOver(found);
  const role = roleOf(found, ctx.actor);
  await checkPasscode(found, role, input.passcode);
  checkGuest(found, ctx.actor);
  const who: Joiner = {
    identity: ctx.actor.id,
    name: ctx.actor.name || (role === 'guest' ? 'Guest' : 'Participant'),
    role,
  };
  // Someone already in (a reconnect, a page reload) holds a seat and passed the lobby: no write.
  if (found.in_meeting && found.state === 'live') return joined(ctx, found, who);
  const entry = await ctx.db.transaction().execute((trx) => enterRoom(trx, ctx, found.code, who));
  if (entry.status === 'waiting') return { status: 'waiting', role, identity: who.identity };
  return joined(ctx, entry.meeting, who);
}
