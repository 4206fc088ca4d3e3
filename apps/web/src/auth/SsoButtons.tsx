import './sso.css';
import type { AuthProviders } from '@gomeet/protocol';
import { useTranslation } from 'react-i18next';

/**
 * "Sign in with {provider}" for each single sign-on provider: plain links, since the sign-in
 * leaves GoMeet for the provider's pages and comes back to /sso.
 */
export function SsoButtons({ providers }: { providers: AuthProviders | null }) {
  const { t } = useTranslation('auth');
  if (!providers?.providers.length) return null;
  return (
    <>
      <nav className="sso-buttons" aria-label={t('sso.nav')}>
        {providers.providers.map((p) => (
          <a key={p.id} href={p.startUrl} data-testid={`sso-${p.id}`}>
            {t('sso.signInWith', { provider: p.name })}
          </a>
        ))}
      </nav>
      {providers.passwordLogin && <p className="sso-divider">{t('sso.orEmail')}</p>}
    </>
  );
}
