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

/**
 * Every rate limit of the auth-service. Sign-ins are limited per account and per account and
 * address, but per address only by their failures, so an office behind one NAT address can all
 * sign in at 9:00. README and docs/SECURITY.md list the defaults.
 */
export interface AuthLimits {
  /** Sign-in attempts on one account per window, from any address (a success clears it). */
  loginPerAccount: number;
  /** Sign-in attempts on one account from one address per window (a success clears it). */
  loginPerAccountAddress: number;
  /** Failed sign-ins from one address per window, whatever the account; successes do not count. */
  loginFailuresPerAddress: number;
  loginWindowMs: number;
  /** Guest passes one address may take at once, refilled at this many a minute. */
  guestPassesPerAddress: number;
  /** Refused guest-pass requests from one address in a minute before it is blocked for the rest of it. */
  guestRefusalsBeforeBlock: number;
  /** Registrations from one address per window (each costs an argon2 hash). */
  registerPerAddress: number;
  registerWindowMs: number;
  /** Reset and verification mails one account may be sent per window (each address, as registration). */
  mailPerAccount: number;
  mailWindowMs: number;
}

export const DEFAULT_AUTH_LIMITS: AuthLimits = {
  loginPerAccount: 10,
  loginPerAccountAddress: 5,
  loginFailuresPerAddress: 100,
  loginWindowMs: 60_000,
  guestPassesPerAddress: 1000,
  guestRefusalsBeforeBlock: 2000,
  registerPerAddress: 30,
  registerWindowMs: 60_000,
  mailPerAccount: 5,
  mailWindowMs: 3600_000,
};
