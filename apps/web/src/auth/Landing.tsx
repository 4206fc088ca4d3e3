import { useState } from 'react';
import { JoinByCodeForm } from './JoinByCodeForm';
import { SignInForm } from './SignInForm';
import { SignUpForm } from './SignUpForm';
import { useAuthProviders } from './sso-api';
import { SsoButtons } from './SsoButtons';
import { useTranslation } from 'react-i18next';

type Tab = 'sign-in' | 'sign-up';

/** The front door: sign in, sign up, or join a meeting as a guest with its code. */
export function Landing() {
  const { t } = useTranslation('auth');
  const [tab, setTab] = useState<Tab>('sign-in');
  const providers = useAuthProviders();
  // SSO only: the server refuses passwords, so there is no form to offer.
  const passwords = providers?.passwordLogin !== false;
  return (
    <main className="landing">
      <section className="hero">
        <h1>GoMeet</h1>
        <p>{t('landing.tagline')}</p>
        <h2>{t('landing.joinHeading')}</h2>
        <JoinByCodeForm />
      </section>
      <section className="card" aria-labelledby="account-heading">
        <h2 id="account-heading" className="visually-hidden">
          {t('landing.accountHeading')}
        </h2>
        <SsoButtons providers={providers} />
        {passwords && (
          <>
            <div role="tablist" aria-label={t('landing.accountTabs')} className="tabs">
              {(['sign-in', 'sign-up'] as const).map((name) => (
                <button
                  key={name}
                  role="tab"
                  type="button"
                  id={`tab-${name}`}
                  aria-selected={tab === name}
                  aria-controls={`panel-${name}`}
                  className={tab === name ? 'tab active' : 'tab'}
                  onClick={() => setTab(name)}
                >
                  {name === 'sign-in' ? t('landing.signInTab') : t('landing.signUpTab')}
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
