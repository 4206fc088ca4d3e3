import type { CryptoKey } from 'jose';
import { importKey, toPublicJwk, type PrivateJwk, type PublicJwk } from './jwk.js';

/** The key new access tokens are signed with. */
export interface Signer {
  kid: string;
  alg: string;
  key: CryptoKey;
}

/** Where signing keys come from: JWT_SIGNING_KEYS, or generated keys kept in the database. */
export interface KeyStore {
  /** Makes sure a signing key exists; called once when the routes are registered. */
  init(): Promise<void>;
  signer(): Promise<Signer>;
  /** Every key a still-valid token may carry, as the JWKS publishes them. */
  publicJwks(): Promise<PublicJwk[]>;
  /** The verification key for `kid`, or undefined when that key is unknown or no longer accepted. */
  verificationKey(kid: string): Promise<CryptoKey | undefined>;
}

/**
 * Keys given by configuration: the first signs, all are published and accepted. Rotation is a
 * change of the Secret: put the new key first and keep the old one until its tokens expired.
 */
export function createStaticKeyStore(keys: PrivateJwk[]): KeyStore {
  const first = keys[0];
  if (!first) throw new Error('JWT_SIGNING_KEYS must hold at least one key');
  const publics = keys.map(toPublicJwk);
  const signerKey = importKey(first, first.alg);
  const verifiers = new Map(publics.map((jwk) => [jwk.kid, importKey(jwk, jwk.alg)]));
  // Import failures surface from init(); these guards keep the promises from rejecting unobserved.
  signerKey.catch(() => undefined);
  for (const v of verifiers.values()) v.catch(() => undefined);
  return {
    async init() {
      await Promise.all([signerKey, ...verifiers.values()]);
    },
    async signer() {
      return { kid: first.kid, alg: first.alg, key: await signerKey };
    },
    publicJwks: () => Promise.resolve(publics),
    async verificationKey(kid) {
      return verifiers.get(kid);
    },
  };
}
