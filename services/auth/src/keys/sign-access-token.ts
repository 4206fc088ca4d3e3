import { randomUUID } from 'node:crypto';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, type AccessTokenClaims } from '@gomeet/platform';
import { SignJWT } from 'jose';
import type { AuthContext } from '../deps.js';

/** The claims of a GoMeet access token, plus `sid`: the session (refresh family) of a user token. */
export interface SignedClaims extends AccessTokenClaims {
  sid?: string;
}

/** Signs an access token for `subject` with the current signing key. */
export async function signAccessToken(
  ctx: Pick<AuthContext, 'keys' | 'now'>,
  input: { subject: string; claims: SignedClaims; ttlSeconds: number },
): Promise<string> {
  const signer = await ctx.keys.signer();
  const issuedAt = Math.floor(ctx.now().getTime() / 1000);
  return new SignJWT({ ...input.claims })
    .setProtectedHeader({ alg: signer.alg, kid: signer.kid, typ: 'JWT' })
    .setSubject(input.subject)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + input.ttlSeconds)
    .setJti(randomUUID())
    .sign(signer.key);
}
