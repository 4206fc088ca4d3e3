import { z } from 'zod';
import type { AuthContext } from '../deps.js';
import { tags, type AuthApp } from './schemas.js';

const jwks = z.object({
  keys: z.array(
    z.object({
      kty: z.string(),
      kid: z.string(),
      alg: z.string(),
      use: z.literal('sig'),
      crv: z.string().optional(),
      x: z.string().optional(),
      y: z.string().optional(),
    }),
  ),
});

/** GET /.well-known/jwks.json: the public keys that verify GoMeet access tokens. */
export function jwksRoute(app: AuthApp, ctx: AuthContext): void {
  app.get(
    '/.well-known/jwks.json',
    { schema: { tags, summary: 'Public keys of access tokens (JWKS)', response: { 200: jwks } } },
    async (_request, reply) => {
      // Short caching: verifiers refetch anyway when a token names a kid they have not seen.
      void reply.header('cache-control', 'public, max-age=60');
      return { keys: await ctx.keys.publicJwks() };
    },
  );
}
