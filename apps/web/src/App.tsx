import { lazy, Suspense } from 'react';
import { AccountNotice } from './auth/AccountNotice';
import { Landing } from './auth/Landing';
import { ResetPasswordPage } from './auth/ResetPasswordPage';
import { SsoReturnPage } from './auth/SsoReturnPage';
import { VerifyEmailPage } from './auth/VerifyEmailPage';
import { Dashboard } from './dashboard/Dashboard';
import { MeetingPage } from './meeting/MeetingPage';
import { ProfilePage } from './profile/ProfilePage';
import { matchRoute, usePath } from './router';
import { Link } from './ui/Link';
import { useSession } from './use-session';

// Only admins open it: loaded on demand, outside the first page's bundle.
const AdminPage = lazy(() => import('./admin/AdminPage'));

export function App() {
  const route = matchRoute(usePath());
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
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <AdminPage session={session} />
        </Suspense>
      ) : (
        <Landing />
      );
    case 'meeting':
      // Keyed by code: moving to another meeting starts its flow afresh.
      return <MeetingPage key={route.code} code={route.code} />;
    case 'not-found':
      return (
        <main className="exit">
          <h1>Page not found</h1>
          <Link className="button" href="/">
            Back to home
          </Link>
        </main>
      );
  }
}
