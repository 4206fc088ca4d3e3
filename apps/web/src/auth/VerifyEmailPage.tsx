import './account.css';
import { useEffect, useState } from 'react';
import { ErrorNote } from '../ui/ErrorNote';
import { Link } from '../ui/Link';
import { describeLinkError, linkToken, verifyEmail } from './account-api';
import { Trans, useTranslation } from 'react-i18next';

type State = 'working' | 'verified' | 'no-token' | { failure: string };

/** /verify-email: opens the link mailed at sign-up, which confirms the address once. */
export function VerifyEmailPage() {
  const { t } = useTranslation('auth');
  const [state, setState] = useState<State>('working');
  useEffect(() => {
    const token = linkToken();
    if (!token) return setState('no-token');
    verifyEmail(token)
      .then(() => setState('verified'))
      .catch((error: unknown) => setState({ failure: describeLinkError(error) }));
  }, []);

  return (
    <main className="account-page">
      <section className="card">
        <h1>{t('verify.heading')}</h1>
        {state === 'working' && <p role="status">{t('verify.working')}</p>}
        {state === 'verified' && (
          <p role="status" data-testid="email-verified">
            <Trans t={t} i18nKey="verify.done" components={[<Link key="sign-in" href="/" />]} />
          </p>
        )}
        {(typeof state === 'object' || state === 'no-token') && (
          <>
            <ErrorNote message={typeof state === 'object' ? state.failure : t('verify.noToken')} />
            <Link href="/">{t('verify.backToSignIn')}</Link>
          </>
        )}
      </section>
    </main>
  );
}
