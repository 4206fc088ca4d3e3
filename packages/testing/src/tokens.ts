import { randomUUID } from 'node:crypto';
import {
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  createTokenVerifier,
  type Actor,
  type TokenVerifier,
  type TokenVerifierOptions,
} from '@gomeet/platform';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';

/** A signer and a verifier for GoMeet access tokens, for testing a service without auth-service. */
export interface TestTokens {
  verifier: TokenVerifier;
  /** Signs an access token for `actor` (defaults: a fresh user). */
  issue(actor?: Partial<Actor>, expiresIn?: string): Promise<string>;
  /** A fresh user actor with a random id. */
  user(name?: string): Actor;
  /** Another verifier over the same keys (e.g. one per simulated pod, with its revocations). */
  verifierWith(options: TokenVerifierOptions): TokenVerifier;
}

/** Creates an in-memory EdDSA key, a verifier over its JWKS, and a token issuer. */
export async function createTestTokens(): Promise<TestTokens> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const kid = `test-${randomUUID()}`;
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
  const jwks = createLocalJWKSet({ keys: [jwk] });
  const verifier = createTokenVerifier(jwks);
  const user = (name = 'Test User'): Actor => ({
    id: randomUUID(),
    kind: 'user',
    name,
    email: `${randomUUID()}@example.test`,
  });
  return {
    verifier,
    verifierWith: (options) => createTokenVerifier(jwks, options),
    user,
    async issue(actor = {}, expiresIn = '15m') {
      const a = { ...user(), ...actor };
      return new SignJWT({
        kind: a.kind,
        name: a.name,
        ...(a.email ? { email: a.email } : {}),
        ...(a.meeting ? { mtg: a.meeting } : {}),
        ...(a.sessionId ? { sid: a.sessionId } : {}),
        ...(a.admin ? { adm: true } : {}),
      })
        .setProtectedHeader({ alg: 'EdDSA', kid })
        .setSubject(a.id)
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(expiresIn)
        .sign(privateKey);
    },
  };
}
