import { changePasswordBody, MIN_PASSWORD_LENGTH } from '@gomeet/protocol';
import { useAccountForm } from '../auth/use-account-form';
import { ErrorNote } from '../ui/ErrorNote';
import { Field } from '../ui/Field';
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
      <Field
        label={t('password.current')}
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        error={errors.currentPassword}
      />
      <Field
        label={t('password.new')}
        name="newPassword"
        type="password"
        autoComplete="new-password"
        hint={t('password.hint', { min: MIN_PASSWORD_LENGTH })}
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
