import type { AdminAuditEntry } from '@gomeet/protocol';
import { ErrorNote } from '../ui/ErrorNote';
import { auditLog } from './admin-api';
import { useLoader } from './use-loader';

const ACTIONS: Record<string, string> = {
  'user.disable': 'Disabled account',
  'user.enable': 'Enabled account',
  'user.force-password-reset': 'Forced password reset',
  'meeting.end': 'Ended meeting',
};

/** The account or meeting an entry is about, in words. */
function targetOf(e: AdminAuditEntry): string {
  const { email, title } = e.details;
  if (typeof email === 'string') return email;
  if (typeof title === 'string') return `${title} (${e.target})`;
  return e.target;
}

/** Every admin action of both services, newest first. */
export function AuditPanel() {
  const { value, error } = useLoader(auditLog);
  return (
    <>
      <ErrorNote message={error} />
      {value?.length === 0 && <p className="muted">No admin action yet.</p>}
      {value && value.length > 0 && (
        <table className="admin-table" data-testid="audit-log">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Admin</th>
              <th scope="col">Action</th>
              <th scope="col">On</th>
            </tr>
          </thead>
          <tbody>
            {value.map((e) => (
              <tr key={e.id}>
                <td>{new Date(e.at).toLocaleString()}</td>
                <td>{e.adminEmail}</td>
                <td>{ACTIONS[e.action] ?? e.action}</td>
                <td>{targetOf(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
