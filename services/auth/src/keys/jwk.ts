import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { z } from 'zod';

/** Algorithms a GoMeet signing key may use; the platform verifier accepts exactly these. */
export const signingAlgorithms = ['EdDSA', 'ES256'] as const;
export type SigningAlgorithm = (typeof signingAlgorithms)[number];

/** A private JWK as JWT_SIGNING_KEYS carries it: it must name its kid and alg. */
export const privateJwkSchema = z
  .looseObject({
    kty: z.enum(['OKP', 'EC'], 'expected kty "OKP" (Ed25519) or "EC" (P-256)'),
    kid: z.string('expected a key id (kid)').min(1, 'expected a key id (kid)'),
    alg: z.enum(signingAlgorithms, 'expected alg "EdDSA" or "ES256"'),
    crv: z.string().optional(),
    x: z.string('expected a public key (x)').min(1, 'expected a public key (x)'),
    y: z.string().optional(),
    d: z.string('expected a private key (d)').min(1, 'expected a private key (d)'),
  })
  .refine(
    (k) =>
      k.alg === 'EdDSA'
        ? k.kty === 'OKP' && k.crv === 'Ed25519'
        : k.kty === 'EC' && k.crv === 'P-256' && !!k.y,
    {
      message: 'EdDSA keys must be OKP/Ed25519 and ES256 keys EC/P-256',
    },
  );
export type PrivateJwk = z.infer<typeof privateJwkSchema>;

/** A key as /.well-known/jwks.json publishes it. */
export interface PublicJwk {
  kty: string;
  kid: string;
  alg: string;
  use: 'sig';
  crv?: string;
  x?: string;
  y?: string;
}

/** The public half of a private JWK: only the members a verifier needs, never `d`. */
export function toPublicJwk(jwk: PrivateJwk): PublicJwk {
  const pub: PublicJwk = { kty: jwk.kty, kid: jwk.kid, alg: jwk.alg, use: 'sig' };
  if (jwk.crv) pub.crv = jwk.crv;
  pub.x = jwk.x;
  if (jwk.y) pub.y = jwk.y;
  return pub;
}

/** Imports a JWK (private or public) as a CryptoKey for `alg`. */
export async function importKey(jwk: JWK, alg: string): Promise<CryptoKey> {
  const key = await importJWK(jwk, alg);
  if (key instanceof Uint8Array)
    throw new Error(`key ${jwk.kid ?? ''} is symmetric; expected an asymmetric key`);
  return key;
}

/** Generates a fresh Ed25519 signing key with a random kid. */
export async function generateSigningKey(): Promise<PrivateJwk> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  return privateJwkSchema.parse({
    ...jwk,
    kid: randomBytes(12).toString('base64url'),
    alg: 'EdDSA',
  });
}
