import { randomUUID } from 'node:crypto';
import * as client from 'openid-client';
import type { AuthContext } from '../deps.js';
import { deleteOldLogins, insertLogin } from './repo.js';
import type { OidcProvider, OidcSettings } from './settings.js';
import { SsoError } from './sso-error.js';

/** How long someone has at the provider before the attempt is refused. */
export const SIGN_IN_TTL_SECONDS = 600;

/** What single sign-on needs besides the auth context. */
export interface Sso {
  settings: OidcSettings;
  discover: (provider: OidcProvider) => Promise<client.Configuration>;
}

/** Where the provider sends the browser back: fixed per provider, to register there. */
export function callbackUrl(settings: OidcSettings, provider: OidcProvider): string {
  return `${settings.publicUrl}/api/auth/oidc/${provider.id}/callback`;
}

/** The configured provider with this id, or a refusal naming it. */
export function findProvider(settings: OidcSettings, id: string): OidcProvider {
  const provider = settings.providers.find((p) => p.id === id);
  if (!provider)
    throw new SsoError('sso-unknown-provider', `No sign-in provider called "${id}" is configured.`);
  return provider;
}

/**
 * Starts an authorization code flow: a fresh state, nonce and PKCE verifier are stored server
 * side (the state hashed), and the browser is sent to the provider. The caller binds `state`
 * to the browser with a cookie, so a callback from someone else's attempt is refused.
 */
export async function startSignIn({
  ctx,
  sso,
  providerId,
}: {
  ctx: AuthContext;
  sso: Sso;
  providerId: string;
}): Promise<{ redirectTo: string; state: string }> {
  const provider = findProvider(sso.settings, providerId);
  const config = await sso.discover(provider);
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  const at = ctx.now();
  await insertLogin(
    ctx.db,
    { id: randomUUID(), provider: provider.id, state, nonce, codeVerifier },
    at,
    SIGN_IN_TTL_SECONDS,
  );
  await deleteOldLogins(ctx.db, at);
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(sso.settings, provider),
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { redirectTo: url.toString(), state };
}
