import { AppError, publishToMeeting, roster, type Actor, type RosterEntry } from '@gomeet/platform';
import type { JoinResult, Role } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import {
  guestCeilingReached,
  isHostRole,
  meetingNotFound,
  requireGuestScope,
  requireNotOver,
  roleOf,
} from '../meetings/access.js';
import { normaliseMeetingCode } from '../meetings/meeting-code.js';
import { verifyPasscode } from '../meetings/passcode.js';
import type { JoinSnapshot } from '../meetings/meeting-cache.js';
import type { MeetingToJoin } from '../meetings/repo.js';
import { removedFromMeeting } from '../roster/bans.js';
import { leftRecently } from './mark-left.js';
import {
  guestsMustWait,
  isMember,
  putMemberUnlessBanned,
  putRoster,
  toLobbyEntry,
  type RosterPerson,
} from '../roster/roster-store.js';
import { mintJoinAnswer } from './join-answer.js';
import { countAttending, openStay } from './repo.js';
import { seats } from './seats.js';
import { takeSeat } from './take-seat.js';

/** Whether `role` must give the meeting's passcode: everyone but hosts, when it has one. */
function needsPasscode(
  meeting: MeetingToJoin,
  role: Role,
): meeting is MeetingToJoin & {
  passcode_hash: string;
} {
  return !!meeting.passcode_hash && !isHostRole(role);
}

async function checkPasscode(
  meeting: MeetingToJoin & { passcode_hash: string },
  passcode: string | undefined,
): Promise<void> {
  if (!passcode)
    throw new AppError('FORBIDDEN', 'This meeting needs a passcode.', {
      type: 'passcode-required',
    });
  if (!(await verifyPasscode(meeting.passcode_hash, passcode))) {
    throw new AppError('FORBIDDEN', 'The passcode is not right.', { type: 'wrong-passcode' });
  }
}

function checkGuest(meeting: MeetingToJoin, actor: Actor): void {
  if (actor.kind !== 'guest') return;
  if (!meeting.allow_guests) {
    throw new AppError('FORBIDDEN', 'This meeting does not let guests in; sign in to join.', {
      type: 'guests-not-allowed',
    });
  }
  requireGuestScope(actor, meeting.code);
}

/**
 * Where the caller stands: removed (403, for good), denied at the lobby (403), or new to a
 * locked meeting (403). Hosts and co-hosts pass a lock; so does anyone already let in, and
 * anyone already waiting (the host may still admit them).
 */
function checkStanding(
  meeting: MeetingToJoin,
  entry: RosterEntry | undefined,
  role: Role,
  now: Date,
): void {
  if (meeting.banned || entry?.state === 'removed') throw removedFromMeeting();
  if (isHostRole(role)) return;
  if (entry?.state === 'denied')
    throw new AppError('FORBIDDEN', 'The host did not let you in.', { type: 'lobby-denied' });
  const known =
    isMember(entry) || entry?.state === 'waiting' || meeting.in_meeting || leftRecently(entry, now);
  if (meeting.locked && !known)
    throw new AppError('FORBIDDEN', 'This meeting is locked; nobody new can join.', {
      type: 'meeting-locked',
    });
}

/**
 * A guest past the host's guest ceiling is refused before the lobby too, so guest passes
 * cannot flood it; the seat itself is checked again under the meeting's lock in takeSeat.
 */
async function checkGuestCeiling(ctx: Ctx, meeting: MeetingToJoin, role: Role): Promise<void> {
  if (role !== 'guest' || meeting.max_guests === null) return;
  const { guests } = await countAttending(ctx.db, meeting.code, ctx.actor.id);
  if (guests >= meeting.max_guests) throw guestCeilingReached(meeting.max_guests);
}

/** Puts `who` in the lobby; hosts hear of it the first time only, not on every re-poll. */
async function waitInLobby(
  ctx: Ctx,
  code: string,
  who: RosterPerson,
  entry: RosterEntry | undefined,
): Promise<JoinResult> {
  if (entry?.state !== 'waiting') {
    const waiting = await putRoster(ctx, code, who, 'waiting');
    await publishToMeeting(
      ctx.bus,
      code,
      { type: 'lobby.waiting', entry: toLobbyEntry(waiting) },
      'hosts',
    );
  }
  return { status: 'waiting', role: who.role, identity: who.identity };
}

/** Marks `who` joined on the roster (unless it says so already), then mints their token. */
async function letIn(
  ctx: Ctx,
  meeting: Pick<MeetingToJoin, 'code' | 'allow_screen_share' | 'mute_on_entry'>,
  who: RosterPerson,
  entry: RosterEntry | undefined,
): Promise<JoinResult> {
  const current = entry?.state === 'joined' && entry.role === who.role && entry.name === who.name;
  if (!current && !(await putMemberUnlessBanned(ctx, meeting.code, who, 'joined'))) {
    throw removedFromMeeting();
  }
  return mintJoinAnswer(ctx, meeting, who);
}

/**
 * Lets the caller into a meeting. Checks, in order: it exists (404), it is not over (410),
 * the passcode (403, hosts skip it), guests allowed and guest pass for this meeting (403),
 * removed / denied / locked (403), room left and, for guests, the host's guest ceiling (409).
 * With the lobby on — and for guests once anyone was removed or denied — non-hosts wait (202)
 * until a host admits them; only then, and for everyone else, a LiveKit token. Someone who left
 * the room less than REJOIN_GRACE_MS ago comes back past the lobby and a lock (a reload).
 */
export async function joinMeeting({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string; passcode?: string | undefined };
}): Promise<JoinResult> {
  const code = normaliseMeetingCode(input.code);
  if (!code) throw meetingNotFound();
  const identity = ctx.actor.id;
  const [snapshot, entry, marked] = await Promise.all([
    ctx.meetings.get(code),
    roster.get(ctx.live, code, identity),
    seats.has(ctx.live, code, identity),
  ]);
  if (!snapshot) throw meetingNotFound();
  const found = meetingToJoin(snapshot, identity, marked);
  requireNotOver(found);
  const role = roleOf(found, ctx.actor);
  if (needsPasscode(found, role)) await checkPasscode(found, input.passcode);
  checkGuest(found, ctx.actor);
  if (!marked && needsSeatFromDb(found, entry, role))
    found.in_meeting = (await openStay(ctx.db, code, identity)) !== undefined;
  checkStanding(found, entry, role, ctx.now());
  const who: RosterPerson = {
    identity,
    name: ctx.actor.name || (role === 'guest' ? 'Guest' : 'Participant'),
    role,
  };
  // Someone already in (a reconnect, a page reload) holds a seat and passed the lobby.
  if (found.in_meeting && found.state === 'live') return letIn(ctx, found, who, entry);
  // After a removal or denial, new guests wait even without a lobby (guest passes are free).
  const lobby = found.lobby || (role === 'guest' && (await guestsMustWait(ctx, code)));
  const passed = isMember(entry) || leftRecently(entry, ctx.now());
  if (lobby && !isHostRole(role) && !passed) {
    if (entry?.state !== 'waiting') await checkGuestCeiling(ctx, found, role);
    return waitInLobby(ctx, code, who, entry);
  }
  const meeting = await takeSeat(ctx, code, who);
  return letIn(ctx, meeting, who, entry);
}

/** The cached meeting as `identity` joins it; `in_meeting` from the seat mark until checked. */
function meetingToJoin(snapshot: JoinSnapshot, identity: string, marked: boolean): MeetingToJoin {
  const { meeting, coHosts, banned } = snapshot;
  const standing = meeting.host_id === identity ? 'host' : coHosts.has(identity) ? 'co-host' : null;
  return {
    ...meeting,
    standing_role: standing,
    attended_role: null,
    in_meeting: marked,
    banned: banned.has(identity),
  };
}

/**
 * With no seat mark, whether the database must say if the joiner holds a seat: only where a
 * seat changes the answer before takeSeat (a lock, or the lobby); takeSeat itself keeps an
 * existing seat.
 */
function needsSeatFromDb(
  meeting: MeetingToJoin,
  entry: RosterEntry | undefined,
  role: Role,
): boolean {
  if (isHostRole(role) || isMember(entry)) return false;
  return (meeting.locked && entry?.state !== 'waiting') || meeting.lobby;
}
