import { AppError } from '@gomeet/platform';
import { removedFromMeeting } from '../roster/bans.js';
import type { Ctx } from '../deps.js';
import { guestCeilingReached, meetingNotFound, requireNotOver } from '../meetings/access.js';
import { lockMeeting, updateMeetingRow } from '../meetings/repo.js';
import type { MeetingRow } from '../meetings/tables.js';
import type { RosterPerson } from '../roster/roster-store.js';
import { claimSeat } from './repo.js';
import { seats } from './seats.js';

/**
 * Gives `who` a seat, in one transaction under the meeting's row lock: the capacity check
 * (409 when full, or for a guest past the host's guest ceiling; 403 when removed), the
 * attendance row and the first-join state change, so two joins (or admissions) can never both
 * take the last seat. Someone already seated keeps their seat. The lock is held for three round
 * trips (claimSeat's one statement, the seat's mark, the commit): a join storm queues on it.
 * The seat's mark in live state is written before the commit (see seats), and removed again
 * if the transaction fails.
 */
export async function takeSeat(ctx: Ctx, code: string, who: RosterPerson): Promise<MeetingRow> {
  let marked = false;
  try {
    const { meeting, started } = await seatInTransaction(ctx, code, who, () => {
      marked = true;
    });
    // A scheduled meeting just went live: every instance's cached copy is out of date.
    if (started) await ctx.meetings.forget(code);
    return meeting;
  } catch (error) {
    if (marked) await seats.release(ctx.live, code, who.identity);
    throw error;
  }
}

async function seatInTransaction(
  ctx: Ctx,
  code: string,
  who: RosterPerson,
  onMark: () => void,
): Promise<{ meeting: MeetingRow; started: boolean }> {
  return ctx.db.transaction().execute(async (trx) => {
    const meeting = await lockMeeting(trx, code);
    if (!meeting) throw meetingNotFound();
    requireNotOver(meeting);
    const now = ctx.now();
    const guestCeiling = meeting.max_guests;
    const claim = await claimSeat(
      trx,
      { meeting_code: code, ...who, joined_at: now },
      { maxParticipants: meeting.max_participants, maxGuests: guestCeiling },
    );
    // Removals take the same lock, so a seat can never open for someone just removed.
    if (claim.banned) throw removedFromMeeting();
    if (!claim.mine && !claim.opened) {
      if (who.role === 'guest' && guestCeiling !== null && claim.guests >= guestCeiling) {
        throw guestCeilingReached(guestCeiling);
      }
      throw new AppError('CONFLICT', `This meeting is full (${meeting.max_participants} people).`, {
        type: 'meeting-full',
      });
    }
    onMark();
    await seats.mark(ctx.live, code, who.identity);
    if (meeting.state !== 'scheduled') return { meeting, started: false };
    const live = await updateMeetingRow(trx, code, {
      state: 'live',
      started_at: now,
      updated_at: now,
    });
    return { meeting: live ?? meeting, started: true };
  });
}
