import type { AdminAuditEntry } from '@gomeet/protocol';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../ui/ErrorNote';
import { auditLog } from './admin-api';
import { useLoader } from './use-loader';
import { toTheSecond } from './when';

/** Each known action's key under `audit.actions`; an unknown one shows as the server names it. */
const ACTIONS = {
  'user.disable': 'audit.actions.userDisable',
  'user.enable': 'audit.actions.userEnable',
  'user.force-password-reset': 'audit.actions.userForcePasswordReset',
  'meeting.end': 'audit.actions.meetingEnd',
} as const;

const isKnown = (action: string): action is keyof typeof ACTIONS => Object.hasOwn(ACTIONS, action);

/** The account or meeting an entry is about, in words. */
function targetOf(e: AdminAuditEntry): string {
  const { email, title } = e.details;
  if (typeof email === 'string') return email;
  if (typeof title === 'string') return `${title} (${e.target})`;
  return e.target;
}

/** Every admin action of both services, newest first. */
export function AuditPanel() {
  const { t } = useTranslation('admin');
  const { value, error } = useLoader(auditLog);
  return (
    <>
      <ErrorNote message={error} />
      {value?.length === 0 && <p className="muted">{t('audit.empty')}</p>}
      {value && value.length > 0 && (
        <table className="admin-table" data-testid="audit-log">
          <thead>
            <tr>
              <th scope="col">{t('audit.when')}</th>
              <th scope="col">{t('audit.admin')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.on')}</th>
            </tr>
          </thead>
          <tbody>
            {value.map((e) => (
              <tr key={e.id}>
                <td>{toTheSecond(e.at)}</td>
                <td>{e.adminEmail}</td>
                <td>{isKnown(e.action) ? t(ACTIONS[e.action]) : e.action}</td>
                <td>{targetOf(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
