import * as client from 'openid-client';
import type { OidcProvider } from './settings.js';
import { SsoError } from './sso-error.js';

/** How long GoMeet waits for a provider's discovery document or token endpoint. */
const TIMEOUT_SECONDS = 10;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The provider's configuration from its discovery document, fetched on first use and kept;
 * a failed fetch is not kept, so the next attempt tries again. openid-client refuses a document
 * whose `issuer` differs from the configured one (a mix-up or a typo in OIDC_PROVIDERS).
 */
export function createDiscovery(): (provider: OidcProvider) => Promise<client.Configuration> {
  const cache = new Map<string, Promise<client.Configuration>>();
  return (provider) => {
    let found = cache.get(provider.id);
    if (!found) {
      found = discover(provider);
      cache.set(provider.id, found);
      found.catch(() => cache.delete(provider.id));
    }
    return found;
  };
}

async function discover(provider: OidcProvider): Promise<client.Configuration> {
  const issuer = new URL(provider.issuer);
  // Plain http only for a provider on this machine (development and the tests).
  const execute =
    issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname)
      ? [client.allowInsecureRequests]
      : [];
  const auth = provider.clientSecret
    ? client.ClientSecretPost(provider.clientSecret)
    : client.None();
  try {
    return await client.discovery(issuer, provider.clientId, undefined, auth, {
      execute,
      timeout: TIMEOUT_SECONDS,
    });
  } catch (error) {
    if (isIssuerMismatch(error))
      throw new SsoError(
        'sso-issuer-mismatch',
        `${provider.name} answered as a different issuer than the one configured (${provider.issuer}); an administrator must correct its issuer in OIDC_PROVIDERS.`,
        { cause: error },
      );
    throw new SsoError(
      'sso-provider-unreachable',
      `${provider.name} could not be reached to sign you in. Try again in a moment, or ask an administrator.`,
      { cause: error },
    );
  }
}

function isIssuerMismatch(error: unknown): boolean {
  const e = error as { code?: string; cause?: { attribute?: string } } | null;
  return e?.code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED' && e.cause?.attribute === 'issuer';
}
