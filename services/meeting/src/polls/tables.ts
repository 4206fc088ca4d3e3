import type { Generated, Kysely, Selectable } from 'kysely';
import type { PollState } from '@gomeet/protocol';
import type { Db } from '../meetings/repo.js';
import type { MeetingDatabase } from '../meetings/tables.js';

/** One poll in a meeting; kept with the meeting after it ends (results stay exportable). */
export interface PollTable {
  id: string;
  meeting_code: string;
  question: string;
  multiple: boolean;
  anonymous: boolean;
  state: PollState;
  /** True once the host shared the closed poll's results with everyone. */
  shared: Generated<boolean>;
  created_by: string;
  created_at: Date;
  opened_at: Date | null;
  closed_at: Date | null;
}

/** One answer a poll offers, by its position (0-based, as votes name it). */
export interface PollOptionTable {
  poll_id: string;
  position: number;
  text: string;
}

/** That someone voted: one row per poll and voter, which is what makes a vote count once. */
export interface PollBallotTable {
  poll_id: string;
  voter_identity: string;
  voter_name: string;
  voted_at: Date;
}

/** The answers one ballot chose (several on a multiple-choice poll). */
export interface PollChoiceTable {
  poll_id: string;
  voter_identity: string;
  position: number;
}

/** The poll tables, as Kysely sees them (a type alias: withTables needs an index signature). */
export type PollDatabase = {
  meeting_polls: PollTable;
  meeting_poll_options: PollOptionTable;
  meeting_poll_ballots: PollBallotTable;
  meeting_poll_choices: PollChoiceTable;
};

export type PollRow = Selectable<PollTable>;

/** The meeting database with the poll tables added. */
export type PollDb = Kysely<MeetingDatabase & PollDatabase>;

/** The poll tables on the meeting-service's handle. */
export function pollDb(db: Db | Kysely<MeetingDatabase>): PollDb {
  return (db as Kysely<MeetingDatabase>).withTables<PollDatabase>();
}
