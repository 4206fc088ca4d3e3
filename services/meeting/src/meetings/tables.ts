import type { Generated, Insertable, Selectable } from 'kysely';
import type { MeetingState, Role } from '@gomeet/protocol';
import type { RecordingTable } from '../recordings/tables.js';
import type { OccurrenceTable } from '../recurrence/tables.js';
import type { MeetingAdminAuditTable } from '../admin/tables.js';

/** One meeting. Settings are columns, not JSON, so capacity and lobby checks stay plain SQL. */
export interface MeetingTable {
  code: string;
  title: string;
  host_id: string;
  host_name: string;
  state: MeetingState;
  starts_at: Date | null;
  duration_minutes: number | null;
  passcode_hash: string | null;
  lobby: boolean;
  mute_on_entry: boolean;
  allow_screen_share: boolean;
  allow_guests: boolean;
  max_participants: number;
  /** Most guests in the meeting at once; null: up to max_participants. */
  max_guests: Generated<number | null>;
  created_at: Date;
  updated_at: Date;
  started_at: Date | null;
  ended_at: Date | null;
  /** While true, nobody new may join (nor enter the lobby); hosts and those already in may. */
  locked: Generated<boolean>;
  /** How it repeats (a recurrence rule as JSON, recurrence/series.ts); null: it happens once. */
  recurrence: Generated<string | null>;
  /** End-to-end encrypted: media is encrypted with a key only participants hold (never stored). */
  e2ee: Generated<boolean>;
}

/** A standing role in a meeting: its host, and the co-hosts the host promoted. */
export interface MeetingRoleTable {
  meeting_code: string;
  user_id: string;
  role: 'host' | 'co-host';
  granted_at: Date;
}

/** Someone a host removed: that identity can never join the meeting again. */
export interface MeetingBanTable {
  meeting_code: string;
  identity: string;
  /** The host or co-host who removed them. */
  banned_by: string;
  banned_at: Date;
}

/** One stay in a meeting: from joining to leaving (left_at null while still in). */
export interface MeetingAttendanceTable {
  id: Generated<number>;
  meeting_code: string;
  identity: string;
  name: string;
  role: Role;
  joined_at: Date;
  left_at: Date | null;
  /** The latest LiveKit join seen within this stay (null: only `joined_at`). */
  last_joined_at: Generated<Date | null>;
}

/** The meeting-service's tables, as Kysely sees them. */
export interface MeetingDatabase {
  meetings: MeetingTable;
  meeting_roles: MeetingRoleTable;
  meeting_bans: MeetingBanTable;
  meeting_attendance: MeetingAttendanceTable;
  meeting_recordings: RecordingTable;
  meeting_occurrences: OccurrenceTable;
  meeting_admin_audit: MeetingAdminAuditTable;
}

export type MeetingRow = Selectable<MeetingTable>;
export type NewMeeting = Insertable<MeetingTable>;
