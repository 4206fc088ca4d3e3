import './account.css';
import { MIN_PASSWORD_LENGTH, passwordResetBody } from '@gomeet/protocol';
import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../ui/ErrorNote';
import { Field } from '../ui/Field';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '../ui/field-errors';
import { Link } from '../ui/Link';
import { describeLinkError, linkToken, resetPassword } from './account-api';
import { ForgotPasswordForm } from './ForgotPasswordForm';

/** /reset-password: with a link's token, choose a new password; without, ask for a link. */
export function ResetPasswordPage() {
  const [token] = useState(linkToken);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const parsed = passwordResetBody.safeParse({
      token,
      newPassword: new FormData(e.currentTarget).get('newPassword'),
    });
    setFailure(null);
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    setBusy(true);
    try {
      await resetPassword(parsed.data.token, parsed.data.newPassword);
      setDone(true);
    } catch (error) {
      setErrors(apiFieldErrors(error));
      setFailure(describeLinkError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="account-page">
      <section className="card">
        <h1>Reset your password</h1>
        {!token ? (
          <ForgotPasswordForm />
        ) : done ? (
          <p role="status" data-testid="password-reset-done">
            Your password was changed and every session signed out.{' '}
            <Link href="/">Sign in with the new password</Link>.
          </p>
        ) : (
          <form onSubmit={(e) => void submit(e)} aria-label="Choose a new password" noValidate>
            <Field
              label="New password"
              name="newPassword"
              type="password"
              autoComplete="new-password"
              hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
              error={errors.newPassword}
            />
            <ErrorNote message={failure} />
            <button type="submit" disabled={busy}>
              {busy ? 'Saving…' : 'Set new password'}
            </button>
          </form>
        )}
        {token && failure && <Link href="/reset-password">Ask for a new link</Link>}
      </section>
    </main>
  );
}
