import './account.css';
import { useEffect, useRef, useState } from 'react';
import { describeError } from '../api/problem';
import { navigate } from '../router';
import { ErrorNote } from '../ui/ErrorNote';
import { Link } from '../ui/Link';
import { finishSso } from './sso-api';
import { useTranslation } from 'react-i18next';

/**
 * /sso: where single sign-on comes back. The fragment (never sent to a server) holds either a
 * one-time code, traded for a session before going to the dashboard, or the server's refusal.
 */
export function SsoReturnPage() {
  const { t } = useTranslation('auth');
  const [failure, setFailure] = useState<string | null>(null);
  const [answer] = useState(() => new URLSearchParams(location.hash.slice(1)));
  // The code counts once: trade it once, even when development mode runs effects twice.
  const traded = useRef(false);
  useEffect(() => {
    if (traded.current) return;
    traded.current = true;
    // Out of the address bar and the history before anything else.
    history.replaceState(null, '', '/sso');
    const code = answer.get('code');
    if (!code) {
      setFailure(answer.get('message') ?? t('sso.notFinished'));
      return;
    }
    finishSso(code)
      .then(() => navigate('/', { replace: true }))
      .catch((error: unknown) => setFailure(describeError(error)));
  }, [answer, t]);

  return (
    <main className="account-page">
      <section className="card">
        <h1>{t('sso.heading')}</h1>
        {failure === null ? (
          <p role="status">{t('sso.signingIn')}</p>
        ) : (
          <>
            <ErrorNote message={failure} />
            <Link href="/">{t('sso.backToSignIn')}</Link>
          </>
        )}
      </section>
    </main>
  );
}
