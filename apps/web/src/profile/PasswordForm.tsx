import { changePasswordBody, MIN_PASSWORD_LENGTH } from '@gomeet/protocol';
import { useAccountForm } from '../auth/use-account-form';
import { ErrorNote } from '../ui/ErrorNote';
import { Field } from '../ui/Field';
import { changePassword } from './profile-api';

/** Changes the password; other sessions are signed out by the server. */
export function PasswordForm({ onChanged }: { onChanged: () => void }) {
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
    <form onSubmit={onSubmit} aria-label="Change password" noValidate>
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        error={errors.currentPassword}
      />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        error={errors.newPassword}
      />
      <ErrorNote message={failure} />
      {done && <p role="status">Password changed. Your other sessions were signed out.</p>}
      <button type="submit" disabled={busy}>
        {busy ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
