import { z } from 'zod';

/** One OpenID provider GoMeet signs people in with. */
export interface OidcProvider {
  /** Short name in URLs: /api/auth/oidc/{id}/start and /api/auth/oidc/{id}/callback. */
  id: string;
  /** What the button says: "Sign in with {name}". */
  name: string;
  /** The issuer URL; its /.well-known/openid-configuration must name this same issuer. */
  issuer: string;
  clientId: string;
  /** Unset: a public client (PKCE only, no client authentication). */
  clientSecret?: string | undefined;
}

/** Single sign-on settings (README "Single sign-on"). */
export interface OidcSettings {
  providers: OidcProvider[];
  /** false: "SSO only", password sign-up and sign-in are refused. */
  passwordLogin: boolean;
  /** Where browsers open the web app; callbacks are `{publicUrl}/api/auth/oidc/{id}/callback`. */
  publicUrl: string;
}

const providerSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'expected lower-case letters, digits and dashes'),
  name: z.string().trim().min(1).max(40),
  issuer: z.url('expected the issuer URL'),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1).optional(),
});

/** The single sign-on variables; every process that mounts auth spreads them. */
export const oidcEnv = {
  /**
   * A JSON array of `{ id, name, issuer, clientId, clientSecret }`. It holds client secrets:
   * keep it in a secret store, and the messages about it never echo it.
   */
  OIDC_PROVIDERS: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s.trim() === '') return [];
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({
          code: 'custom',
          message: 'expected a JSON array of {id, name, issuer, clientId, clientSecret}',
        });
        return z.NEVER;
      }
    })
    .pipe(
      z
        .array(providerSchema)
        .refine(
          (list) => new Set(list.map((p) => p.id)).size === list.length,
          'expected each provider id once',
        ),
    ),
  /** false: SSO only — password sign-up and sign-in answer 403. */
  AUTH_PASSWORD_LOGIN: z
    .enum(['true', 'false'], 'expected true or false')
    .default('true')
    .transform((s) => s === 'true'),
};

type OidcEnv = z.output<z.ZodObject<typeof oidcEnv>>;

/** SSO only needs somewhere to sign in. Use with superRefine. */
export function checkOidcEnv(env: OidcEnv, ctx: z.RefinementCtx): void {
  if (!env.AUTH_PASSWORD_LOGIN && env.OIDC_PROVIDERS.length === 0)
    ctx.addIssue({
      code: 'custom',
      path: ['AUTH_PASSWORD_LOGIN'],
      message: 'false (SSO only) needs at least one provider in OIDC_PROVIDERS',
    });
}

/** The settings from parsed config; `publicUrl` is where browsers open the web app. */
export function authOidc(env: OidcEnv, publicUrl: string): OidcSettings {
  return {
    providers: env.OIDC_PROVIDERS,
    passwordLogin: env.AUTH_PASSWORD_LOGIN,
    publicUrl: publicUrl.replace(/\/$/, ''),
  };
}
