import { randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import type { AuthContext } from '../deps.js';
import { findUserById } from '../users/repo.js';
import { linkAccount } from './link-account.js';
import { consumeState, findLoginByState, setHandoff, type OidcLoginRow } from './repo.js';
import type { OidcProvider } from './settings.js';
import { SsoError } from './sso-error.js';
import { callbackUrl, findProvider, type Sso } from './start-sign-in.js';

/** How long the web app has to trade the hand-off code for a session. */
export const HANDOFF_TTL_SECONDS = 60;

/**
 * Finishes a sign-in at the provider's callback. In order: the provider exists; the state is
 * one GoMeet issued, unused and unexpired (spent now, so a replay is refused), for this
 * provider, and the browser's cookie holds it; the code is exchanged with the PKCE verifier and
 * the ID token's issuer, audience, nonce and signature are checked (openid-client); the account
 * is found or linked by verified email, and is not disabled. Returns a one-time code for the web app's session.
 */
export async function finishSignIn({
  ctx,
  sso,
  providerId,
  query,
  cookieState,
}: {
  ctx: AuthContext;
  sso: Sso;
  providerId: string;
  query: URLSearchParams;
  cookieState: string | undefined;
}): Promise<{ handoffCode: string }> {
  const provider = findProvider(sso.settings, providerId);
  const login = await spendState(ctx, provider, query.get('state'));
  if (cookieState !== query.get('state'))
    throw new SsoError(
      'sso-state-invalid',
      'This sign-in was started in another browser (or its cookie was lost). Start again from GoMeet.',
    );
  const config = await sso.discover(provider);
  const current = new URL(callbackUrl(sso.settings, provider));
  current.search = query.toString();
  const claims = await exchangeCode(provider, config, current, login);
  const userId = await linkAccount(ctx, provider, claims);
  const user = await findUserById(ctx.db, userId);
  if (!user || user.disabled_at)
    throw new SsoError(
      'sso-account-unavailable',
      'This GoMeet account has been disabled by an administrator. Ask them if you think this is a mistake.',
    );
  const handoffCode = randomBytes(32).toString('base64url');
  await setHandoff(ctx.db, {
    id: login.id,
    userId,
    code: handoffCode,
    expiresAt: new Date(ctx.now().getTime() + HANDOFF_TTL_SECONDS * 1000),
  });
  return { handoffCode };
}

async function spendState(
  ctx: AuthContext,
  provider: OidcProvider,
  state: string | null,
): Promise<OidcLoginRow> {
  const start = 'Start again from GoMeet.';
  if (!state)
    throw new SsoError('sso-state-invalid', `The provider's answer carried no state. ${start}`);
  const login = await consumeState(ctx.db, state, ctx.now());
  if (!login) {
    const known = await findLoginByState(ctx.db, state);
    const why = !known
      ? 'This sign-in answer does not belong to any sign-in GoMeet started.'
      : known.used_at
        ? 'This sign-in answer was already used (a replayed state); it counts only once.'
        : 'This sign-in took too long and expired.';
    throw new SsoError('sso-state-invalid', `${why} ${start}`);
  }
  if (login.provider !== provider.id)
    throw new SsoError(
      'sso-state-invalid',
      `This sign-in was started with another provider than ${provider.name}. ${start}`,
    );
  return login;
}

/** The ID token's claims GoMeet uses. */
export interface SsoClaims {
  sub: string;
  email?: string | undefined;
  emailVerified: boolean;
  name?: string | undefined;
}

async function exchangeCode(
  provider: OidcProvider,
  config: client.Configuration,
  current: URL,
  login: OidcLoginRow,
): Promise<SsoClaims> {
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: login.code_verifier,
      expectedState: current.searchParams.get('state') ?? '',
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    throw describeGrantError(provider, error);
  }
  const claims = tokens.claims();
  if (!claims) throw new SsoError('sso-token-invalid', `${provider.name} sent no ID token.`);
  return {
    sub: claims.sub,
    email: typeof claims.email === 'string' ? claims.email.toLowerCase() : undefined,
    emailVerified: claims.email_verified === true,
    name: typeof claims.name === 'string' ? claims.name : undefined,
  };
}

/** The provider's or openid-client's refusal, in words someone can act on. */
function describeGrantError(provider: OidcProvider, error: unknown): SsoError {
  const e = error as { error?: unknown; code?: unknown } | null;
  const again = 'Start again from GoMeet.';
  if (error instanceof client.AuthorizationResponseError)
    return new SsoError(
      'sso-provider-refused',
      `${provider.name} did not sign you in (${safeCode(e?.error)}). ${again}`,
      { cause: error },
    );
  if (e?.error === 'invalid_grant')
    return new SsoError(
      'sso-code-rejected',
      `${provider.name} refused the sign-in code: it expired or was already used. ${again}`,
      { cause: error },
    );
  if (typeof e?.error === 'string')
    return new SsoError(
      'sso-provider-refused',
      `${provider.name} refused to complete the sign-in (${safeCode(e.error)}). ${again}`,
      { cause: error },
    );
  if (typeof e?.code === 'string' && e.code.startsWith('OAUTH_'))
    return new SsoError(
      'sso-token-invalid',
      `${provider.name}'s answer failed GoMeet's security checks (${e.code}); nobody was signed in.`,
      { cause: error },
    );
  return new SsoError(
    'sso-provider-unreachable',
    `${provider.name} could not be reached to finish the sign-in. ${again}`,
    { cause: error },
  );
}

/** An OAuth error code as shown to people: its documented characters only. */
function safeCode(code: unknown): string {
  return typeof code === 'string' ? code.replace(/[^\w.-]/g, '').slice(0, 64) : 'error';
}
