import './account.css';
import { useEffect, useRef, useState } from 'react';
import { describeError } from '../api/problem';
import { navigate } from '../router';
import { ErrorNote } from '../ui/ErrorNote';
import { Link } from '../ui/Link';
import { finishSso } from './sso-api';

/**
 * /sso: where single sign-on comes back. The fragment (never sent to a server) holds either a
 * one-time code, traded for a session before going to the dashboard, or the server's refusal.
 */
export function SsoReturnPage() {
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
      setFailure(answer.get('message') ?? 'The sign-in did not finish. Try again.');
      return;
    }
    finishSso(code)
      .then(() => navigate('/', { replace: true }))
      .catch((error: unknown) => setFailure(describeError(error)));
  }, [answer]);

  return (
    <main className="account-page">
      <section className="card">
        <h1>Single sign-on</h1>
        {failure === null ? (
          <p role="status">Signing you in…</p>
        ) : (
          <>
            <ErrorNote message={failure} />
            <Link href="/">Back to sign in</Link>
          </>
        )}
      </section>
    </main>
  );
}
