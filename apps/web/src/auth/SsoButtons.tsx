import './sso.css';
import type { AuthProviders } from '@gomeet/protocol';

/**
 * "Sign in with {provider}" for each single sign-on provider: plain links, since the sign-in
 * leaves GoMeet for the provider's pages and comes back to /sso.
 */
export function SsoButtons({ providers }: { providers: AuthProviders | null }) {
  if (!providers?.providers.length) return null;
  return (
    <>
      <nav className="sso-buttons" aria-label="Single sign-on">
        {providers.providers.map((p) => (
          <a key={p.id} href={p.startUrl} data-testid={`sso-${p.id}`}>
            Sign in with {p.name}
          </a>
        ))}
      </nav>
      {providers.passwordLogin && <p className="sso-divider">or with your email</p>}
    </>
  );
}
