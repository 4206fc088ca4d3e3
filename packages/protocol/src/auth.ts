import { z } from 'zod';

/** Minimum password length; shorter ones are refused with a clear message. */
export const MIN_PASSWORD_LENGTH = 12;

export const email = z
  .email('expected an email address')
  .max(254)
  .transform((e) => e.toLowerCase());
export const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `password must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(256, 'password must be at most 256 characters');
export const displayName = z
  .string()
  .trim()
  .min(1, 'display name is required')
  .max(80, 'display name must be at most 80 characters');

/** A signed-in account, as the API shows it. */
export const user = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  createdAt: z.string(),
});
export type User = z.infer<typeof user>;

export const registerBody = z.object({ email, password, displayName });
export type RegisterBody = z.infer<typeof registerBody>;

export const loginBody = z.object({
  email,
  password: z.string().min(1, 'password is required').max(256),
});
export type LoginBody = z.infer<typeof loginBody>;

export const refreshBody = z.object({ refreshToken: z.string().min(1) });
export const logoutBody = z.object({ refreshToken: z.string().min(1).optional() });

/** Access token (JWT, 15 minutes) + refresh token (opaque, rotated on every use). */
export const tokenPair = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number(),
  tokenType: z.literal('Bearer'),
});
export const session = tokenPair.extend({ user });
export type Session = z.infer<typeof session>;

export const updateMeBody = z.object({ displayName });
export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: password,
});

export const guestBody = z.object({
  meetingCode: z
    .string()
    .regex(/^[a-z]{3}-[a-z]{4}-[a-z]{3}$/, 'expected a meeting code like abc-defg-hij'),
  displayName,
});
export const guestSession = z.object({
  accessToken: z.string(),
  expiresIn: z.number(),
  tokenType: z.literal('Bearer'),
  guest: z.object({ id: z.string(), displayName: z.string(), meetingCode: z.string() }),
});
export type GuestSession = z.infer<typeof guestSession>;

/** coturn REST-API credentials. */
export const turnCredentials = z.object({
  username: z.string(),
  credential: z.string(),
  ttl: z.number(),
  urls: z.array(z.string()),
});
