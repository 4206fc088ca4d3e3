import { changePasswordBody } from '@gomeet/protocol';
import { PasswordField } from '../auth/AccountFields';
import { useAccountForm } from '../auth/use-account-form';
import { ErrorNote } from '../ui/ErrorNote';
import { changePassword } from './profile-api';
import { useTranslation } from 'react-i18next';

/** Changes the password; other sessions are signed out by the server. */
export function PasswordForm({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation('profile');
  const { errors, failure, busy, done, onSubmit } = useAccountForm({
    schema: changePasswordBody,
    read: (data) => ({
      currentPassword: data.get('currentPassword'),
      newPassword: data.get('newPassword'),
    }),
    action: async ({ currentPassword, newPassword }, form) => {
      await changePassword(currentPassword, newPassword);
      form.reset();
      onChanged();
    },
  });

  return (
    <form onSubmit={onSubmit} aria-label={t('password.form')} noValidate>
      <PasswordField
        purpose="current"
        label={t('password.current')}
        name="currentPassword"
        error={errors.currentPassword}
      />
      <PasswordField
        purpose="new"
        label={t('password.new')}
        name="newPassword"
        error={errors.newPassword}
      />
      <ErrorNote message={failure} />
      {done && <p role="status">{t('password.changed')}</p>}
      <button type="submit" disabled={busy}>
        {busy ? t('password.busy') : t('password.submit')}
      </button>
    </form>
  );
}
