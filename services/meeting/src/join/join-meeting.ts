import {
  AppError,
  breakoutRoomOf,
  breakoutStore,
  publishToMeeting,
  roster,
  type Actor,
  type RosterEntry,
  type StoredBreakouts,
} from '@gomeet/platform';
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
import type { MeetingRow } from '../meetings/tables.js';
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
import { answerJoin } from './join-answer.js';
import { countAttending, openStay } from './repo.js';
import { seats } from './seats.js';
import { takeSeat } from './take-seat.js';

/** Whether `role` must give the meeting's passcode: everyone but hosts, when it has one. */
function needsPasscode(
  meeting: MeetingRow,
  role: Role,
): meeting is MeetingRow & {
  passcode_hash: string;
} {
  return !!meeting.passcode_hash && !isHostRole(role);
}

async function checkPasscode(
  meeting: MeetingRow & { passcode_hash: string },
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

function checkGuest(meeting: MeetingRow, actor: Actor): void {
  if (actor.kind !== 'guest') return;
  if (!meeting.allow_guests) {
    throw new AppError('FORBIDDEN', 'This meeting does not let guests in; sign in to join.', {
      type: 'guests-not-allowed',
    });
  }
  requireGuestScope(actor, meeting.code);
}

/** Where the joiner stands in the meeting, besides the roster. */
interface Joiner {
  role: Role;
  /** Holds a seat: the seat mark in live state, or the database where it changes the answer. */
  seated: boolean;
  banned: boolean;
}

/**
 * Where the caller stands: removed (403, for good), denied at the lobby (403), or new to a
 * locked meeting (403). Hosts and co-hosts pass a lock; so does anyone already let in, and
 * anyone already waiting (the host may still admit them).
 */
function checkStanding(
  meeting: MeetingRow,
  joiner: Joiner,
  entry: RosterEntry | undefined,
  now: Date,
): void {
  if (joiner.banned || entry?.state === 'removed') throw removedFromMeeting();
  if (isHostRole(joiner.role)) return;
  if (entry?.state === 'denied')
    throw new AppError('FORBIDDEN', 'The host did not let you in.', { type: 'lobby-denied' });
  const known =
    isMember(entry) || entry?.state === 'waiting' || joiner.seated || leftRecently(entry, now);
  if (meeting.locked && !known)
    throw new AppError('FORBIDDEN', 'This meeting is locked; nobody new can join.', {
      type: 'meeting-locked',
    });
}

/**
 * A guest past the host's guest ceiling is refused before the lobby too, so guest passes
 * cannot flood it; the seat itself is checked again under the meeting's lock in takeSeat.
 */
async function checkGuestCeiling(ctx: Ctx, meeting: MeetingRow, role: Role): Promise<void> {
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

/** What the join read of the meeting in its first round, besides the row. */
interface MeetingRead {
  snapshot: JoinSnapshot;
  breakouts: StoredBreakouts | undefined;
}

/**
 * Marks `who` joined on the roster (unless it says so already), then mints their token for
 * where they belong: their breakout room while the rooms are open, else the main room. A
 * re-join whose roster entry is current does this without another await.
 */
function letIn(
  ctx: Ctx,
  meeting: Pick<MeetingRow, 'code' | 'allow_screen_share' | 'mute_on_entry'>,
  who: RosterPerson,
  entry: RosterEntry | undefined,
  read: MeetingRead,
): JoinResult | Promise<JoinResult> {
  const answer = () =>
    answerJoin(
      ctx,
      meeting,
      who,
      breakoutRoomOf(read.breakouts, who.identity, ctx.now()),
      read.snapshot,
    );
  const current = entry?.state === 'joined' && entry.role === who.role && entry.name === who.name;
  if (current) return answer();
  return putMemberUnlessBanned(ctx, meeting.code, who, 'joined').then((put) => {
    if (!put) throw removedFromMeeting();
    return answer();
  });
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
  // One round of reads: the breakout rooms too, which only a let-in needs, so a re-join
  // (nearly every join: reconnects, reloads) waits once.
  const [snapshot, entry, marked, breakouts] = await Promise.all([
    ctx.meetings.get(code),
    roster.get(ctx.live, code, identity),
    seats.has(ctx.live, code, identity),
    breakoutStore.read(ctx.live, code),
  ]);
  if (!snapshot) throw meetingNotFound();
  // The cached row is shared by every join, never copied: a spread of its 21 columns plus the
  // joiner's fields cost V8 ~3 µs (objects of 20+ properties leave the fast clone path).
  const { meeting } = snapshot;
  requireNotOver(meeting);
  const coHost = snapshot.coHosts.has(identity);
  const role = roleOf(
    { host_id: meeting.host_id, standing_role: coHost ? 'co-host' : null },
    ctx.actor,
  );
  if (needsPasscode(meeting, role)) await checkPasscode(meeting, input.passcode);
  checkGuest(meeting, ctx.actor);
  const seated =
    marked ||
    (needsSeatFromDb(meeting, entry, role) &&
      (await openStay(ctx.db, code, identity)) !== undefined);
  const joiner: Joiner = { role, seated, banned: snapshot.banned.has(identity) };
  checkStanding(meeting, joiner, entry, ctx.now());
  const who: RosterPerson = {
    identity,
    name: ctx.actor.name || (role === 'guest' ? 'Guest' : 'Participant'),
    role,
  };
  // Someone already in (a reconnect, a page reload) holds a seat and passed the lobby.
  const read = { snapshot, breakouts };
  if (seated && meeting.state === 'live') return letIn(ctx, meeting, who, entry, read);
  // After a removal or denial, new guests wait even without a lobby (guest passes are free).
  const lobby = meeting.lobby || (role === 'guest' && (await guestsMustWait(ctx, code)));
  const passed = isMember(entry) || leftRecently(entry, ctx.now());
  if (lobby && !isHostRole(role) && !passed) {
    if (entry?.state !== 'waiting') await checkGuestCeiling(ctx, meeting, role);
    return waitInLobby(ctx, code, who, entry);
  }
  // The row as takeSeat locked it: a scheduled meeting may just have gone live.
  return letIn(ctx, await takeSeat(ctx, code, who), who, entry, read);
}

/**
 * With no seat mark, whether the database must say if the joiner holds a seat: only where a
 * seat changes the answer before takeSeat (a lock, or the lobby); takeSeat itself keeps an
 * existing seat.
 */
function needsSeatFromDb(meeting: MeetingRow, entry: RosterEntry | undefined, role: Role): boolean {
  if (isHostRole(role) || isMember(entry)) return false;
  return (meeting.locked && entry?.state !== 'waiting') || meeting.lobby;
}
