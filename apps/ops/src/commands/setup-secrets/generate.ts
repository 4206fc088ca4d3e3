import { createHash, randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';

/** A private Ed25519 JWK as the auth-service reads it from JWT_SIGNING_KEYS. */
export interface SigningJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  d: string;
  x: string;
  kid: string;
  alg: 'EdDSA';
}

/** A new Ed25519 signing key with a kid that sorts by creation day. */
export async function generateSigningJwk(now: Date): Promise<SigningJwk> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  return {
    kty: 'OKP',
    crv: 'Ed25519',
    d: jwk.d!,
    x: jwk.x!,
    kid: `gomeet-${day}-${randomBytes(4).toString('hex')}`,
    alg: 'EdDSA',
  };
}

/** `bytes` CSPRNG bytes, base64url (safe in URLs, YAML and .env files). */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** A LiveKit API key (LiveKit's "API…" shape) and its secret. */
export function generateLiveKitPair(): { key: string; secret: string } {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const key = `API${[...randomBytes(12)].map((b) => alphabet[b % alphabet.length]).join('')}`;
  return { key, secret: randomSecret(32) };
}

/** LiveKit's `keys:` map as YAML: one `key: secret` line per accepted pair. */
export function liveKitKeysYaml(pairs: { key: string; secret: string }[]): string {
  return pairs.map((p) => `${p.key}: ${p.secret}\n`).join('');
}

/** Parses the pairs back out of {@link liveKitKeysYaml}'s output. */
export function parseLiveKitKeysYaml(yaml: string): { key: string; secret: string }[] {
  return yaml
    .split('\n')
    .map((line) => /^\s*([^:#\s]+)\s*:\s*(\S+)\s*$/.exec(line))
    .flatMap((m) => (m ? [{ key: m[1]!, secret: m[2]! }] : []));
}

/** What may be shown of a secret value: the first 12 hex digits of its sha256. */
export function fingerprint(value: string): string {
  return `sha256:${createHash('sha256').update(value).digest('hex').slice(0, 12)}`;
}
