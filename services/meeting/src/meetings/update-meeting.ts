import { AppError } from '@gomeet/platform';
import type { Meeting, MeetingSettingsPatch, UpdateMeetingBody } from '@gomeet/protocol';
import type { Updateable } from 'kysely';
import type { Ctx } from '../deps.js';
import { checkGuestCeiling, loadMeeting, requireHost, requireNotOver } from './access.js';
import { afterSeriesChange, checkSeriesChange, storedRule } from '../recurrence/series-changes.js';
import { hashPasscode } from './passcode.js';
import { presentMeeting } from './present-meeting.js';
import { updateMeetingRow } from './repo.js';
import type { MeetingRow, MeetingTable } from './tables.js';

function settingsChanges(settings: MeetingSettingsPatch): Updateable<MeetingTable> {
  const changes: Updateable<MeetingTable> = {};
  if (settings.lobby !== undefined) changes.lobby = settings.lobby;
  if (settings.muteOnEntry !== undefined) changes.mute_on_entry = settings.muteOnEntry;
  if (settings.allowScreenShare !== undefined)
    changes.allow_screen_share = settings.allowScreenShare;
  if (settings.allowGuests !== undefined) changes.allow_guests = settings.allowGuests;
  if (settings.maxParticipants !== undefined) changes.max_participants = settings.maxParticipants;
  if (settings.maxGuests !== undefined) changes.max_guests = settings.maxGuests;
  if (settings.e2ee !== undefined) changes.e2ee = settings.e2ee;
  return changes;
}

async function changesOf(input: UpdateMeetingBody): Promise<Updateable<MeetingTable>> {
  const changes = settingsChanges(input.settings ?? {});
  if (input.title !== undefined) changes.title = input.title;
  if (input.startsAt !== undefined) changes.starts_at = new Date(input.startsAt);
  if (input.durationMinutes !== undefined) changes.duration_minutes = input.durationMinutes;
  if (input.passcode === null) changes.passcode_hash = null;
  else if (input.passcode !== undefined) changes.passcode_hash = await hashPasscode(input.passcode);
  if (input.recurrence !== undefined) changes.recurrence = storedRule(input.recurrence);
  return changes;
}

/**
 * 409 when end-to-end encryption would change while the meeting runs: those in the room would
 * keep the old way and everyone joining after would get the new one, and see nothing of them.
 */
function requireE2eeSettled(meeting: MeetingRow, e2ee: boolean | undefined): void {
  if (e2ee === undefined || e2ee === meeting.e2ee || meeting.state !== 'live') return;
  throw new AppError(
    'CONFLICT',
    'End-to-end encryption cannot be turned on or off while the meeting is live; end it first.',
    { type: 'e2ee-while-live' },
  );
}

/** Changes a meeting's details or settings; host and co-hosts only, and not once it is over. */
export async function updateMeeting({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: UpdateMeetingBody & { code: string };
}): Promise<Meeting> {
  const meeting = await loadMeeting(ctx, input.code);
  requireHost(meeting, ctx.actor, 'change this meeting');
  requireNotOver(meeting);
  requireE2eeSettled(meeting, input.settings?.e2ee);
  const maxGuests = input.settings?.maxGuests;
  if (maxGuests !== undefined) {
    checkGuestCeiling(maxGuests, input.settings?.maxParticipants ?? meeting.max_participants);
  }
  checkSeriesChange(meeting, input);
  const changes = await changesOf(input);
  const row =
    (await updateMeetingRow(ctx.db, meeting.code, { ...changes, updated_at: ctx.now() })) ??
    meeting;
  await afterSeriesChange(ctx, meeting, input);
  await ctx.meetings.forget(meeting.code);
  return presentMeeting(row, ctx.publicUrl, meeting.host_id === ctx.actor.id ? 'host' : 'co-host');
}
