/** The auth-service: accounts, sessions, access tokens + JWKS, guest tokens, TURN credentials. */
export { buildApp, type BuildAppOptions } from './app.js';
export {
  authAdminEnv,
  authConfigSchema,
  authEnv,
  authLimitEnv,
  authLimits,
  authMail,
  authMailEnv,
  authOidc,
  authOidcEnv,
  checkOidcEnv,
  checkAuthEnv,
  turnSettings,
  DEV_TURN_SECRET,
  type AuthConfig,
} from './config.js';
export type { AuthDeps, AuthMail, TurnSettings } from './deps.js';
export { createMailer, type Mailer, type MailDelivery } from './mail/mailer.js';
export { DEFAULT_AUTH_LIMITS, type AuthLimits } from './defaults.js';
export { rotateSigningKey, type RotateSigningKeyOptions } from './keys/rotate-signing-key.js';
export { authMigrations } from './migrations.js';
export type { OidcProvider, OidcSettings } from './oidc/settings.js';
export { authRoutes } from './plugin.js';
