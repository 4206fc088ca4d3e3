import { AppError, type Actor } from '@gomeet/platform';
import type { Role } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import { normaliseMeetingCode } from './meeting-code.js';
import { findMeeting, type MeetingForUser } from './repo.js';
import type { MeetingRow } from './tables.js';

/** The role `actor` would join `meeting` with. */
export function roleOf(
  meeting: Pick<MeetingForUser, 'host_id' | 'standing_role'>,
  actor: Actor,
): Role {
  if (actor.kind === 'guest') return 'guest';
  if (meeting.host_id === actor.id) return 'host';
  if (meeting.standing_role === 'co-host') return 'co-host';
  return 'participant';
}

/** True for the roles that run a meeting. */
export function isHostRole(role: Role): boolean {
  return role === 'host' || role === 'co-host';
}

/** The 404 for a code no meeting has. */
export function meetingNotFound(): AppError {
  return new AppError('NOT_FOUND', 'No meeting has this code.', { type: 'meeting-not-found' });
}

/** Throws 404 unless a meeting has this code (in any spelling a person might type). */
export async function loadMeeting(ctx: Ctx, rawCode: string): Promise<MeetingForUser> {
  const code = normaliseMeetingCode(rawCode);
  const meeting = code ? await findMeeting(ctx.db, code, ctx.actor.id) : undefined;
  if (!meeting) throw meetingNotFound();
  return meeting;
}

/** Throws 403 when a guest's token is for another meeting than `code`. */
export function requireGuestScope(actor: Actor, code: string): void {
  if (actor.kind === 'guest' && actor.meeting !== code) {
    throw new AppError('FORBIDDEN', 'This guest pass is for another meeting.', {
      type: 'wrong-meeting',
    });
  }
}

/** Throws 403 for guests: only signed-in users may do this. */
export function requireUser(actor: Actor, what: string): void {
  if (actor.kind !== 'user')
    throw new AppError('FORBIDDEN', `Guests cannot ${what}; sign in first.`, {
      type: 'guest-forbidden',
    });
}

/** Throws 403 unless `actor` runs `meeting` (the host, or a co-host when `coHosts` is true). */
export function requireHost(
  meeting: MeetingForUser,
  actor: Actor,
  what: string,
  coHosts = true,
): void {
  const role = roleOf(meeting, actor);
  if (role === 'host' || (coHosts && role === 'co-host')) return;
  const who = coHosts ? 'the host or a co-host' : 'the host';
  throw new AppError('FORBIDDEN', `Only ${who} can ${what}.`, { type: 'not-host' });
}

/** True when the meeting is over (ended or cancelled). */
export function isOver(meeting: MeetingRow): boolean {
  return meeting.state === 'ended' || meeting.state === 'cancelled';
}

/** Throws 410 when the meeting is over. */
export function requireNotOver(meeting: MeetingRow): void {
  if (!isOver(meeting)) return;
  const how = meeting.state === 'cancelled' ? 'was cancelled' : 'has ended';
  throw new AppError('GONE', `This meeting ${how}.`, { type: 'meeting-ended' });
}

/** Loads a meeting that is not over, for its host or a co-host only (403 otherwise). */
export async function loadMeetingToModerate(
  ctx: Ctx,
  code: string,
  what: string,
): Promise<MeetingForUser> {
  const meeting = await loadMeeting(ctx, code);
  requireHost(meeting, ctx.actor, what);
  requireNotOver(meeting);
  return meeting;
}

/** Throws 400 naming the field when a guest ceiling is above the meeting's capacity. */
export function checkGuestCeiling(maxGuests: number | null, maxParticipants: number): void {
  if (maxGuests === null || maxGuests <= maxParticipants) return;
  throw new AppError(
    'VALIDATION',
    `maxGuests cannot be more than maxParticipants (${maxParticipants}).`,
    {
      errors: [
        {
          field: 'body.settings.maxGuests',
          message: `must be at most maxParticipants (${maxParticipants})`,
        },
      ],
    },
  );
}

/** The 409 for a guest when the meeting already holds as many guests as its host allows. */
export function guestCeilingReached(maxGuests: number): AppError {
  return new AppError(
    'CONFLICT',
    `This meeting already has as many guests as its host allows (${maxGuests}). Sign in to join, or ask the host to raise the limit.`,
    { type: 'guest-limit-reached' },
  );
}
