import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AccountNotice } from './auth/AccountNotice';
import { Landing } from './auth/Landing';
import { ResetPasswordPage } from './auth/ResetPasswordPage';
import { SsoReturnPage } from './auth/SsoReturnPage';
import { VerifyEmailPage } from './auth/VerifyEmailPage';
import { Dashboard } from './dashboard/Dashboard';
import { MeetingPage } from './meeting/MeetingPage';
import { ProfilePage } from './profile/ProfilePage';
import { matchRoute, usePath, type Route } from './router';
import { LanguagePicker } from './ui/LanguagePicker';
import { Link } from './ui/Link';
import { useSession } from './use-session';

// Only admins open it: loaded on demand, outside the first page's bundle.
const AdminPage = lazy(() => import('./admin/AdminPage'));

export function App() {
  const route = matchRoute(usePath());
  // The meeting's screens (pre-join, room, exit) fill the window: the language is picked before.
  if (route.name === 'meeting') {
    // Keyed by code: moving to another meeting starts its flow afresh.
    return <MeetingPage key={route.code} code={route.code} />;
  }
  return (
    <>
      <Screen route={route} />
      <footer className="app-footer">
        <LanguagePicker />
      </footer>
    </>
  );
}

function Screen({ route }: { route: Exclude<Route, { name: 'meeting' }> }): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  switch (route.name) {
    case 'home':
      return session ? (
        <>
          <AccountNotice />
          <Dashboard session={session} />
        </>
      ) : (
        <Landing />
      );
    case 'reset-password':
      return <ResetPasswordPage />;
    case 'verify-email':
      return <VerifyEmailPage />;
    case 'sso':
      return <SsoReturnPage />;
    case 'profile':
      return session ? <ProfilePage session={session} /> : <Landing />;
    case 'admin':
      return session ? (
        <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
          <AdminPage session={session} />
        </Suspense>
      ) : (
        <Landing />
      );
    case 'not-found':
      return (
        <main className="exit">
          <h1>{t('app.notFound')}</h1>
          <Link className="button" href="/">
            {t('app.backHome')}
          </Link>
        </main>
      );
  }
}
