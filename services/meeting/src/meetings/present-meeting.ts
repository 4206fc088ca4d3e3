import type { Meeting, Role } from '@gomeet/protocol';
import { parseStoredRule } from '../recurrence/series.js';
import type { MeetingForUser } from './repo.js';
import type { MeetingRow } from './tables.js';

/** The role a user holds by standing or by having attended, for `myRole`. */
export function myRoleIn(meeting: MeetingForUser, userId: string): Role | null {
  if (meeting.host_id === userId) return 'host';
  return meeting.standing_role ?? meeting.attended_role ?? null;
}

/** The public view of a meeting (never its passcode or hash). */
export function presentMeeting(row: MeetingRow, publicUrl: string, myRole: Role | null): Meeting {
  return {
    code: row.code,
    title: row.title,
    hostId: row.host_id,
    hostName: row.host_name,
    state: row.state,
    startsAt: row.starts_at ? row.starts_at.toISOString() : null,
    durationMinutes: row.duration_minutes,
    hasPasscode: row.passcode_hash !== null,
    settings: {
      lobby: row.lobby,
      muteOnEntry: row.mute_on_entry,
      allowScreenShare: row.allow_screen_share,
      allowGuests: row.allow_guests,
      maxParticipants: row.max_participants,
      maxGuests: row.max_guests,
      e2ee: row.e2ee,
    },
    joinUrl: `${publicUrl}/m/${row.code}`,
    createdAt: row.created_at.toISOString(),
    endedAt: row.ended_at ? row.ended_at.toISOString() : null,
    myRole,
    recurrence: parseStoredRule(row.recurrence),
  };
}
