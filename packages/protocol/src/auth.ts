import { z } from 'zod';
import { storable } from './text.js';

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
  .max(80, 'display name must be at most 80 characters')
  .refine(...storable);

/** A signed-in account, as the API shows it. */
export const user = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  createdAt: z.string(),
  /** Set on sign-in answers: the account may open the admin console (/admin). */
  admin: z.boolean().optional(),
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

/** A single-use token from an emailed link (verification or password reset). */
const linkToken = z.string().min(1, 'the link has no token').max(200, 'the link token is too long');

export const passwordResetRequestBody = z.object({ email });
export const passwordResetBody = z.object({ token: linkToken, newPassword: password });
export const verifyEmailBody = z.object({ token: linkToken });

/**
 * Registration's answer when mail goes out over SMTP: the same whether or not the address
 * already has an account; the link in the mail confirms the address.
 */
export const registrationPending = z.object({ status: z.literal('check-email') });

/** Where account mail goes: nowhere, an SMTP server, or .eml files in a folder on the server. */
export const mailDelivery = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('off') }),
  z.object({ mode: z.literal('smtp') }),
  z.object({ mode: z.literal('folder'), folder: z.string() }),
]);
export type MailDelivery = z.infer<typeof mailDelivery>;

/** A signed-in session (one sign-in's refresh token family). */
export const accountSession = z.object({
  id: z.string(),
  /** When its refresh token was last issued: the sign-in or its latest refresh. */
  lastActiveAt: z.string(),
  /** The session that asked. */
  current: z.boolean(),
});
export const accountSessions = z.object({ sessions: z.array(accountSession) });
export type AccountSession = z.infer<typeof accountSession>;
