import './account.css';
import { useEffect, useState } from 'react';
import { ErrorNote } from '../ui/ErrorNote';
import { Link } from '../ui/Link';
import { describeLinkError, linkToken, verifyEmail } from './account-api';

type State = 'working' | 'verified' | { failure: string };

/** /verify-email: opens the link mailed at sign-up, which confirms the address once. */
export function VerifyEmailPage() {
  const [state, setState] = useState<State>('working');
  useEffect(() => {
    const token = linkToken();
    if (!token)
      return setState({ failure: 'This link has no token. Open the link from the mail.' });
    verifyEmail(token)
      .then(() => setState('verified'))
      .catch((error: unknown) => setState({ failure: describeLinkError(error) }));
  }, []);

  return (
    <main className="account-page">
      <section className="card">
        <h1>Confirm your email</h1>
        {state === 'working' && <p role="status">Confirming…</p>}
        {state === 'verified' && (
          <p role="status" data-testid="email-verified">
            Your email address is confirmed. <Link href="/">Sign in</Link>.
          </p>
        )}
        {typeof state === 'object' && (
          <>
            <ErrorNote message={state.failure} />
            <Link href="/">Back to sign in</Link>
          </>
        )}
      </section>
    </main>
  );
}
