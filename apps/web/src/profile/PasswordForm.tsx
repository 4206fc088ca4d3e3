import { changePasswordBody, MIN_PASSWORD_LENGTH } from '@gomeet/protocol';
import { useState, type FormEvent } from 'react';
import { describeError } from '../api/problem';
import { ErrorNote } from '../ui/ErrorNote';
import { Field } from '../ui/Field';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '../ui/field-errors';
import { changePassword } from './profile-api';

/** Changes the password; other sessions are signed out by the server. */
export function PasswordForm({ onChanged }: { onChanged: () => void }) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const parsed = changePasswordBody.safeParse({
      currentPassword: data.get('currentPassword'),
      newPassword: data.get('newPassword'),
    });
    setFailure(null);
    setSaved(false);
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    setBusy(true);
    try {
      await changePassword(parsed.data.currentPassword, parsed.data.newPassword);
      form.reset();
      setSaved(true);
      onChanged();
    } catch (error) {
      setErrors(apiFieldErrors(error));
      setFailure(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Change password" noValidate>
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
      {saved && <p role="status">Password changed. Your other sessions were signed out.</p>}
      <button type="submit" disabled={busy}>
        {busy ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
