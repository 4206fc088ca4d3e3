/** Access tokens live 15 minutes; clients refresh them. */
export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
/** A refresh token lives 30 days from its issue; each use issues a new one. */
export const DEFAULT_REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;
/**
 * Guests have no refresh token, so their one token must last a meeting; it only opens the one
 * meeting named in it.
 */
export const DEFAULT_GUEST_TOKEN_TTL_SECONDS = 4 * 3600;
/** A retired signing key stays published as long as the longest-lived token it may have signed. */
export const DEFAULT_KEY_RETENTION_SECONDS = Math.max(
  DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
  DEFAULT_GUEST_TOKEN_TTL_SECONDS,
);

/** Login attempts allowed per window, per account and per client IP. */
export interface LoginLimits {
  perAccount: number;
  perIp: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perAccount: 10, perIp: 30, windowMs: 60_000 };
