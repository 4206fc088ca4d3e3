import {
  accountSessions,
  mailDelivery,
  type AccountSession,
  type MailDelivery,
} from '@gomeet/protocol';
import { api } from '../api/http';
import { ApiError, describeError } from '../api/problem';

/** Where the server sends account mail (the notices say where to look for it). */
export function getMailDelivery(): Promise<MailDelivery> {
  return api('/api/auth/mail-delivery', { schema: mailDelivery });
}

/** Asks for a reset link; the answer is the same whether or not the address has an account. */
export async function requestPasswordReset(email: string): Promise<void> {
  await api('/api/auth/password-reset/request', { method: 'POST', body: { email } });
}

export async function resetPassword(token: string, newPassword: string): Promise<void> {
  await api('/api/auth/password-reset', { method: 'POST', body: { token, newPassword } });
}

export async function verifyEmail(token: string): Promise<void> {
  await api('/api/auth/verify-email', { method: 'POST', body: { token } });
}

export async function listSessions(): Promise<AccountSession[]> {
  return (await api('/api/auth/me/sessions', { auth: 'user', schema: accountSessions })).sessions;
}

export async function signOutSession(id: string): Promise<void> {
  await api(`/api/auth/me/sessions/${encodeURIComponent(id)}`, { method: 'DELETE', auth: 'user' });
}

export async function signOutEverywhere(): Promise<void> {
  await api('/api/auth/me/sign-out-everywhere', { method: 'POST', auth: 'user' });
}

/** The token of an emailed link, from this page's address. */
export function linkToken(): string | null {
  return new URLSearchParams(location.search).get('token');
}

/** Emailed-link problems whose server sentence already says what to do (used, expired, mangled). */
const LINK_PROBLEMS = new Set(['link-used', 'link-expired', 'invalid-link']);

/** Like describeError, but a link's problem in the server's words (410 is not a meeting here). */
export function describeLinkError(error: unknown): string {
  return error instanceof ApiError && LINK_PROBLEMS.has(error.kind)
    ? error.message
    : describeError(error);
}
