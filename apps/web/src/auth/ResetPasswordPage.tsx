import './account.css';
import { passwordResetBody } from '@gomeet/protocol';
import { useState } from 'react';
import { ErrorNote } from '../ui/ErrorNote';
import { PasswordField } from './AccountFields';
import { Link } from '../ui/Link';
import { describeLinkError, linkToken, resetPassword } from './account-api';
import { ForgotPasswordForm } from './ForgotPasswordForm';
import { useAccountForm } from './use-account-form';
import { Trans, useTranslation } from 'react-i18next';

/** /reset-password: with a link's token, choose a new password; without, ask for a link. */
export function ResetPasswordPage() {
  const { t } = useTranslation('auth');
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
        <h1>{t('reset.heading')}</h1>
        {!token ? (
          <ForgotPasswordForm />
        ) : done ? (
          <p role="status" data-testid="password-reset-done">
            <Trans t={t} i18nKey="reset.done" components={[<Link key="sign-in" href="/" />]} />
          </p>
        ) : (
          <form onSubmit={onSubmit} aria-label={t('reset.form')} noValidate>
            <PasswordField
              purpose="new"
              label={t('fields.newPassword')}
              name="newPassword"
              error={errors.newPassword}
            />
            <ErrorNote message={failure} />
            <button type="submit" disabled={busy}>
              {busy ? t('reset.busy') : t('reset.submit')}
            </button>
          </form>
        )}
        {token && failure && <Link href="/reset-password">{t('reset.newLink')}</Link>}
      </section>
    </main>
  );
}
