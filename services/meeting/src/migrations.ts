import { sql, type Kysely, type Migration } from 'kysely';
import { createRecordingTables } from './recordings/migration.js';
import { createPollTables } from './polls/migration.js';
import { createRecurrence } from './recurrence/migration.js';
import { createAdminAudit } from './admin/migration.js';

async function createMeetings(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('meetings')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('host_id', 'text', (c) => c.notNull())
    .addColumn('host_name', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('scheduled', 'live', 'ended', 'cancelled')`),
    )
    .addColumn('starts_at', 'timestamptz')
    .addColumn('duration_minutes', 'integer')
    .addColumn('passcode_hash', 'text')
    .addColumn('lobby', 'boolean', (c) => c.notNull())
    .addColumn('mute_on_entry', 'boolean', (c) => c.notNull())
    .addColumn('allow_screen_share', 'boolean', (c) => c.notNull())
    .addColumn('allow_guests', 'boolean', (c) => c.notNull())
    .addColumn('max_participants', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz')
    .addColumn('ended_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('meetings_host_id_idx').on('meetings').column('host_id').execute();
}

async function createRoles(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('meeting_roles')
    .addColumn('meeting_code', 'text', (c) =>
      c.notNull().references('meetings.code').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('host', 'co-host')`))
    .addColumn('granted_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_roles_pk', ['meeting_code', 'user_id'])
    .execute();
  await db.schema
    .createIndex('meeting_roles_user_id_idx')
    .on('meeting_roles')
    .column('user_id')
    .execute();
}

async function createLobby(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('meeting_lobby')
    .addColumn('meeting_code', 'text', (c) =>
      c.notNull().references('meetings.code').onDelete('cascade'),
    )
    .addColumn('identity', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('waiting', 'admitted', 'denied')`),
    )
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz')
    .addPrimaryKeyConstraint('meeting_lobby_pk', ['meeting_code', 'identity'])
    .execute();
}

async function createAttendance(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('meeting_attendance')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('meeting_code', 'text', (c) =>
      c.notNull().references('meetings.code').onDelete('cascade'),
    )
    .addColumn('identity', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('joined_at', 'timestamptz', (c) => c.notNull())
    .addColumn('left_at', 'timestamptz')
    .execute();
  // At most one open stay per identity: a re-join while still in does not count twice.
  await db.schema
    .createIndex('meeting_attendance_open_idx')
    .on('meeting_attendance')
    .columns(['meeting_code', 'identity'])
    .unique()
    .where(sql.ref('left_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('meeting_attendance_identity_idx')
    .on('meeting_attendance')
    .column('identity')
    .execute();
}

/** Who was removed from a meeting for good; their identity can never join it again. */
async function createBans(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('meeting_bans')
    .addColumn('meeting_code', 'text', (c) =>
      c.notNull().references('meetings.code').onDelete('cascade'),
    )
    .addColumn('identity', 'text', (c) => c.notNull())
    .addColumn('banned_by', 'text', (c) => c.notNull())
    .addColumn('banned_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_bans_pk', ['meeting_code', 'identity'])
    .execute();
}

/** The meeting-service's forward-only migrations; run with `migrate(db, 'meeting', meetingMigrations)`. */
export const meetingMigrations: Record<string, Migration> = {
  '0001_meetings': {
    async up(db) {
      await createMeetings(db);
      await createRoles(db);
      await createLobby(db);
      await createAttendance(db);
    },
  },
  // The lobby queue moved to the live roster (Redis in production, shared by every pod).
  '0002_host_controls': {
    async up(db) {
      await createBans(db);
      await db.schema
        .alterTable('meetings')
        .addColumn('locked', 'boolean', (c) => c.notNull().defaultTo(false))
        .execute();
      await db.schema.dropTable('meeting_lobby').execute();
    },
  },
  // A stay remembers the latest join seen inside it, so a leave that arrives late can split it.
  '0003_attendance_last_join': {
    async up(db) {
      await db.schema
        .alterTable('meeting_attendance')
        .addColumn('last_joined_at', 'timestamptz')
        .execute();
    },
  },
  // The host's ceiling on guests at once (null: the meeting's capacity), checked at join.
  '0004_guest_ceiling': {
    async up(db) {
      await db.schema
        .alterTable('meetings')
        .addColumn('max_guests', 'integer', (c) => c.check(sql`max_guests >= 0`))
        .execute();
    },
  },
  // Recordings and their state machine (recordings/migration.ts).
  '0005_recordings': { up: createRecordingTables },
  // Polls, their answers and ballots: results are kept with the meeting (polls/migration.ts).
  '0006_polls': { up: createPollTables },
  // Recurring meetings: the rule on the meeting, occurrences changed one by one (recurrence/).
  '0007_recurrence': { up: createRecurrence },
  // The audit log of admin actions on meetings (admin/migration.ts).
  '0008_admin_audit': { up: createAdminAudit },
  // End-to-end encrypted meetings: the server knows only that one is, never its key.
  '0009_e2ee': {
    async up(db) {
      await db.schema
        .alterTable('meetings')
        .addColumn('e2ee', 'boolean', (c) => c.notNull().defaultTo(false))
        .execute();
    },
  },
};
