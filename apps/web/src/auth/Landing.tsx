import { useState } from 'react';
import { JoinByCodeForm } from './JoinByCodeForm';
import { SignInForm } from './SignInForm';
import { SignUpForm } from './SignUpForm';
import { useAuthProviders } from './sso-api';
import { SsoButtons } from './SsoButtons';

type Tab = 'sign-in' | 'sign-up';

/** The front door: sign in, sign up, or join a meeting as a guest with its code. */
export function Landing() {
  const [tab, setTab] = useState<Tab>('sign-in');
  const providers = useAuthProviders();
  // SSO only: the server refuses passwords, so there is no form to offer.
  const passwords = providers?.passwordLogin !== false;
  return (
    <main className="landing">
      <section className="hero">
        <h1>GoMeet</h1>
        <p>Video meetings you host yourself.</p>
        <h2>Join a meeting</h2>
        <JoinByCodeForm />
      </section>
      <section className="card" aria-labelledby="account-heading">
        <h2 id="account-heading" className="visually-hidden">
          Your account
        </h2>
        <SsoButtons providers={providers} />
        {passwords && (
          <>
            <div role="tablist" aria-label="Account" className="tabs">
              {(['sign-in', 'sign-up'] as const).map((t) => (
                <button
                  key={t}
                  role="tab"
                  type="button"
                  id={`tab-${t}`}
                  aria-selected={tab === t}
                  aria-controls={`panel-${t}`}
                  className={tab === t ? 'tab active' : 'tab'}
                  onClick={() => setTab(t)}
                >
                  {t === 'sign-in' ? 'Sign in' : 'Sign up'}
                </button>
              ))}
            </div>
            <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
              {tab === 'sign-in' ? <SignInForm /> : <SignUpForm />}
            </div>
          </>
        )}
      </section>
    </main>
  );
}
