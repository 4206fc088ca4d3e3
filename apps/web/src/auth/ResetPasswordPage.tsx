import './account.css';
import { MIN_PASSWORD_LENGTH, passwordResetBody } from '@gomeet/protocol';
import { useState } from 'react';
import { ErrorNote } from '../ui/ErrorNote';
import { Field } from '../ui/Field';
import { Link } from '../ui/Link';
import { describeLinkError, linkToken, resetPassword } from './account-api';
import { ForgotPasswordForm } from './ForgotPasswordForm';
import { useAccountForm } from './use-account-form';

/** /reset-password: with a link's token, choose a new password; without, ask for a link. */
export function ResetPasswordPage() {
  const [token] = useState(linkToken);
  const { errors, failure, busy, done, onSubmit } = useAccountForm({
    schema: passwordResetBody,
    read: (data) => ({ token, newPassword: data.get('newPassword') }),
    action: ({ token, newPassword }) => resetPassword(token, newPassword),
    describe: describeLinkError,
  });

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
          <form onSubmit={onSubmit} aria-label="Choose a new password" noValidate>
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
