import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;

/** auth_first_admin: the first account of the install, the admin until ADMIN_EMAILS names others. */
export interface FirstAdminTable {
  singleton: ColumnType<boolean, boolean | undefined, never>;
  user_id: string;
  claimed_at: Timestamp;
}

/** auth_admin_audit: one row per admin action on an account. */
export interface AdminAuditTable {
  id: string;
  at: Timestamp;
  admin_id: string;
  admin_email: string;
  action: string;
  /** The account acted on (its id). */
  target: string;
  /** JSON text: what else the action needs to be understood later (the target's email). */
  details: string;
}
