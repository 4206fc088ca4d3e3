import { refreshSession } from '../api/http';
import { getGuest, getSession } from '../api/session-store';

const MARGIN_MS = 60_000;

/**
 * The token a hello carries: the account's (refreshed when close to expiry or when the server
 * rejected it), else this meeting's guest pass.
 */
export async function socketToken(code: string, refresh: boolean): Promise<string | null> {
  const session = getSession();
  if (session) {
    if (!refresh && session.expiresAt - MARGIN_MS > Date.now()) return session.accessToken;
    return (await refreshSession(session.accessToken))?.accessToken ?? null;
  }
  return getGuest(code)?.accessToken ?? null;
}
