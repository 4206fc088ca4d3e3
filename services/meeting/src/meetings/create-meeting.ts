import { AppError } from '@gomeet/platform';
import { meetingSettings, type CreateMeetingBody, type Meeting } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import { checkGuestCeiling, requireUser } from './access.js';
import { checkRule } from '../recurrence/series.js';
import { generateMeetingCode } from './meeting-code.js';
import { hashPasscode } from './passcode.js';
import { presentMeeting } from './present-meeting.js';
import { insertMeeting, upsertRole } from './repo.js';
import type { MeetingRow } from './tables.js';

const CODE_ATTEMPTS = 5;

/**
 * Creates a meeting hosted by the caller, with a fresh unique code. `newCode` is replaceable
 * so the collision retry can be exercised.
 */
export async function createMeeting({
  ctx,
  input,
  newCode = generateMeetingCode,
}: {
  ctx: Ctx;
  input: CreateMeetingBody;
  newCode?: () => string;
}): Promise<Meeting> {
  requireUser(ctx.actor, 'create meetings');
  const settings = meetingSettings.parse(input.settings ?? {});
  checkGuestCeiling(settings.maxGuests, settings.maxParticipants);
  if (input.recurrence)
    checkRule(input.recurrence, input.startsAt ? new Date(input.startsAt) : null);
  const passcodeHash = input.passcode ? await hashPasscode(input.passcode) : null;
  const now = ctx.now();
  const base: Omit<MeetingRow, 'code'> = {
    title: input.title,
    host_id: ctx.actor.id,
    host_name: ctx.actor.name,
    state: 'scheduled',
    starts_at: input.startsAt ? new Date(input.startsAt) : null,
    duration_minutes: input.durationMinutes ?? null,
    passcode_hash: passcodeHash,
    lobby: settings.lobby,
    mute_on_entry: settings.muteOnEntry,
    allow_screen_share: settings.allowScreenShare,
    allow_guests: settings.allowGuests,
    max_participants: settings.maxParticipants,
    max_guests: settings.maxGuests,
    created_at: now,
    updated_at: now,
    started_at: null,
    ended_at: null,
    locked: false,
    recurrence: input.recurrence ? JSON.stringify(input.recurrence) : null,
    e2ee: settings.e2ee,
  };
  return ctx.db.transaction().execute(async (trx) => {
    for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      const row = { ...base, code: newCode() };
      if (!(await insertMeeting(trx, row))) continue;
      await upsertRole(trx, row.code, ctx.actor.id, 'host', now);
      return presentMeeting(row, ctx.publicUrl, 'host');
    }
    throw new AppError('UNAVAILABLE', 'Could not find a free meeting code; try again.', {
      retryAfter: 1,
    });
  });
}
