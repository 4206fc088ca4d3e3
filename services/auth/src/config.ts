import {
  baseEnv,
  checkBaseEnv,
  checkTurnEnv,
  DEV_TURN_SECRET,
  mailEnv,
  turnEnv,
  turnSettingsFrom,
} from '@gomeet/platform';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_AUTH_LIMITS, type AuthLimits } from './defaults.js';
import type { AuthMail, TurnSettings } from './deps.js';
import { createMailer } from './mail/mailer.js';
import { privateJwkSchema } from './keys/jwk.js';
import { checkOidcEnv, oidcEnv } from './oidc/settings.js';

export { authOidc, checkOidcEnv, oidcEnv as authOidcEnv } from './oidc/settings.js';

/** The TURN secret a development machine uses when none is set; refused in production. */
export { DEV_TURN_SECRET };

const count = (fallback: number) =>
  z.coerce
    .number()
    .int('expected a whole number')
    .positive('expected at least 1')
    .default(fallback);
const d = DEFAULT_AUTH_LIMITS;

/** The rate limits' variables (docs/SECURITY.md); every process that mounts auth spreads them. */
export const authLimitEnv = {
  LOGIN_LIMIT_PER_ACCOUNT: count(d.loginPerAccount),
  LOGIN_LIMIT_PER_ACCOUNT_ADDRESS: count(d.loginPerAccountAddress),
  LOGIN_FAILURE_LIMIT_PER_ADDRESS: count(d.loginFailuresPerAddress),
  LOGIN_LIMIT_WINDOW_SECONDS: count(d.loginWindowMs / 1000),
  GUEST_PASS_LIMIT_PER_ADDRESS: count(d.guestPassesPerAddress),
  GUEST_PASS_REFUSALS_BEFORE_BLOCK: count(d.guestRefusalsBeforeBlock),
  REGISTER_LIMIT_PER_ADDRESS: count(d.registerPerAddress),
  REGISTER_LIMIT_WINDOW_SECONDS: count(d.registerWindowMs / 1000),
  MAIL_LIMIT_PER_ACCOUNT: count(d.mailPerAccount),
  MAIL_LIMIT_WINDOW_SECONDS: count(d.mailWindowMs / 1000),
};

/** The auth-service's limits from parsed config. */
export function authLimits(env: z.output<z.ZodObject<typeof authLimitEnv>>): AuthLimits {
  return {
    loginPerAccount: env.LOGIN_LIMIT_PER_ACCOUNT,
    loginPerAccountAddress: env.LOGIN_LIMIT_PER_ACCOUNT_ADDRESS,
    loginFailuresPerAddress: env.LOGIN_FAILURE_LIMIT_PER_ADDRESS,
    loginWindowMs: env.LOGIN_LIMIT_WINDOW_SECONDS * 1000,
    guestPassesPerAddress: env.GUEST_PASS_LIMIT_PER_ADDRESS,
    guestRefusalsBeforeBlock: env.GUEST_PASS_REFUSALS_BEFORE_BLOCK,
    registerPerAddress: env.REGISTER_LIMIT_PER_ADDRESS,
    registerWindowMs: env.REGISTER_LIMIT_WINDOW_SECONDS * 1000,
    mailPerAccount: env.MAIL_LIMIT_PER_ACCOUNT,
    mailWindowMs: env.MAIL_LIMIT_WINDOW_SECONDS * 1000,
  };
}

/** Account mail (README "Email"); every process that mounts auth spreads them. */
export const authMailEnv = mailEnv;

/** The mailer from parsed config: SMTP_URL, else a folder of .eml files under the data folder. */
export function authMail(
  env: z.output<z.ZodObject<typeof authMailEnv>>,
  where: { dataDir: string; appUrl: string },
): AuthMail {
  const mailer = createMailer({
    ...(env.SMTP_URL ? { smtpUrl: env.SMTP_URL } : {}),
    from: env.MAIL_FROM,
    folder: path.join(where.dataDir, 'mail'),
  });
  return { mailer, appUrl: where.appUrl };
}

/** Who administers the install (docs/ADMIN.md); every process that mounts auth spreads it. */
export const authAdminEnv = {
  /** Comma-separated addresses whose accounts are admins once the address is confirmed. */
  ADMIN_EMAILS: z
    .string()
    .optional()
    .transform((s) =>
      (s ?? '')
        .split(',')
        .map((e) => e.trim().toLowerCase())
        .filter((e) => e !== ''),
    )
    .pipe(z.array(z.email('expected comma-separated email addresses'))),
};

/** The auth-service's own environment variables, to spread into a process's config schema. */
export const authEnv = {
  ...authLimitEnv,
  ...authMailEnv,
  ...oidcEnv,
  ...authAdminEnv,
  ...turnEnv,
  /** A JSON array of private JWKs (each with kid and alg); the first signs. Unset: database keys. */
  JWT_SIGNING_KEYS: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s.trim() === '') return undefined;
      try {
        return JSON.parse(s) as unknown;
      } catch {
        // The value is a secret: the message names what was expected, never what was given.
        ctx.addIssue({ code: 'custom', message: 'expected a JSON array of private JWKs' });
        return z.NEVER;
      }
    })
    .pipe(z.array(privateJwkSchema).min(1, 'expected at least one key').optional()),
};

type AuthEnv = z.output<z.ZodObject<typeof authEnv>> & { NODE_ENV: string };

/** The checks across variables (the shared TURN rules). Use with superRefine. */
export function checkAuthEnv(env: AuthEnv, ctx: z.RefinementCtx): void {
  checkTurnEnv(env, ctx);
  checkOidcEnv(env, ctx);
}

/** The standalone auth-service's config schema. */
export const authConfigSchema = z
  .object({
    ...baseEnv,
    ...authEnv,
    /** Where browsers open the web app; the links in account mail start with it. */
    PUBLIC_URL: z
      .url('expected an absolute URL such as https://meet.example.com')
      .default('http://localhost:8080'),
  })
  .superRefine((env, ctx) => {
    checkBaseEnv(env, ctx);
    checkAuthEnv(env, ctx);
  });

/** Parsed standalone config. */
export type AuthConfig = z.output<typeof authConfigSchema>;

/** Where TURN is reached when TURN_URLS is unset: a coturn on this machine. */
const LOCAL_TURN_URLS = ['turn:localhost:3478?transport=udp'];

/** TURN settings from parsed config, with the development secret when none is set. */
export function turnSettings(env: AuthEnv): TurnSettings {
  return turnSettingsFrom(env, LOCAL_TURN_URLS)!;
}
