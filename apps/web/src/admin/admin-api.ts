import {
  adminAuditLog,
  adminLiveMeetings,
  adminRecordings,
  adminUsage,
  adminUser,
  adminUserList,
  type AdminAuditEntry,
  type AdminLiveMeeting,
  type AdminRecordings,
  type AdminUsage,
  type AdminUser,
  type AdminUserList,
} from '@gomeet/protocol';
import { api } from '../api/http';

/** Meetings in progress with their participant counts. */
export async function listLiveMeetings(): Promise<AdminLiveMeeting[]> {
  const body = await api('/api/meetings/admin/live', { auth: 'user', schema: adminLiveMeetings });
  return body.meetings;
}

export async function endLiveMeeting(code: string): Promise<void> {
  await api(`/api/meetings/admin/live/${encodeURIComponent(code)}/end`, {
    method: 'POST',
    auth: 'user',
  });
}

export function listUsers(q: string, offset = 0): Promise<AdminUserList> {
  const query = new URLSearchParams({ limit: '50', offset: String(offset) });
  if (q.trim()) query.set('q', q.trim());
  return api(`/api/auth/admin/users?${query.toString()}`, { auth: 'user', schema: adminUserList });
}

/** An action on an account; answers the account as it is after it. */
export type UserAction = 'disable' | 'enable' | 'force-password-reset';

export function actOnUser(id: string, action: UserAction): Promise<AdminUser> {
  return api(`/api/auth/admin/users/${encodeURIComponent(id)}/${action}`, {
    method: 'POST',
    auth: 'user',
    schema: adminUser,
  });
}

export function usage(from: string, to: string): Promise<AdminUsage> {
  const query = new URLSearchParams({ from, to });
  return api(`/api/meetings/admin/usage?${query.toString()}`, { auth: 'user', schema: adminUsage });
}

export function recordingStorage(): Promise<AdminRecordings> {
  return api('/api/meetings/admin/recordings', { auth: 'user', schema: adminRecordings });
}

/** Both services' audit logs as one, newest first. */
export async function auditLog(): Promise<AdminAuditEntry[]> {
  const [accounts, meetings] = await Promise.all([
    api('/api/auth/admin/audit', { auth: 'user', schema: adminAuditLog }),
    api('/api/meetings/admin/audit', { auth: 'user', schema: adminAuditLog }),
  ]);
  return [...accounts.entries, ...meetings.entries].sort((a, b) => b.at.localeCompare(a.at));
}
