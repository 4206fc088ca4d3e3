import { z } from 'zod';

/** A single sign-on provider as the sign-in page shows it. */
export const ssoProvider = z.object({
  id: z.string(),
  /** "Sign in with {name}". */
  name: z.string(),
  /** Where the browser goes to start (a same-origin path under /api/auth/oidc). */
  startUrl: z.string(),
});
export type SsoProvider = z.infer<typeof ssoProvider>;

/** How this server signs people in: GET /api/auth/providers. */
export const authProviders = z.object({
  /** false: "SSO only", the password forms are hidden and the API refuses them. */
  passwordLogin: z.boolean(),
  providers: z.array(ssoProvider),
});
export type AuthProviders = z.infer<typeof authProviders>;

/** The one-time code the single sign-on callback hands the web app, traded for a session. */
export const ssoSessionBody = z.object({ code: z.string().min(1).max(200) });
