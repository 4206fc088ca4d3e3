/** meeting_admin_audit: one row per admin action on a meeting (the auth-service keeps its own). */
export interface MeetingAdminAuditTable {
  id: string;
  at: Date;
  admin_id: string;
  admin_email: string;
  action: string;
  /** The meeting acted on (its code). */
  target: string;
  /** JSON text: what else explains the action later (title, host, who was in). */
  details: string;
}
