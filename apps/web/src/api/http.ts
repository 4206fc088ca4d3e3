import { tokenPair } from '@gomeet/protocol';
import type { z } from 'zod';
import { i18n } from '../i18n';
import { ApiError, toApiError } from './problem';
import {
  clearGuest,
  clearSession,
  getGuest,
  getSession,
  reloadSession,
  saveSession,
  subscribeSession,
  type StoredSession,
} from './session-store';

/** Whose token a request carries: none, the account's, or for a meeting the account's else the guest's. */
export type Auth = 'none' | 'user' | { meetingCode: string };

export interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  auth?: Auth;
  schema?: z.ZodType<T>;
  /** Answer the body as text (a CSV download) instead of parsing JSON. */
  text?: boolean;
}

const REFRESH_MARGIN_MS = 60_000;
let inflightRefresh: Promise<StoredSession | null> | null = null;

async function rotate(staleAccessToken: string): Promise<StoredSession | null> {
  const latest = reloadSession();
  if (!latest) return null;
  // Another tab may have rotated while we waited for the lock; reusing the old refresh token
  // would be seen as token theft and end the session everywhere.
  if (
    latest.accessToken !== staleAccessToken &&
    latest.expiresAt - REFRESH_MARGIN_MS > Date.now()
  ) {
    return latest;
  }
  const res = await send('/api/auth/refresh', 'POST', { refreshToken: latest.refreshToken });
  if (res.ok) return saveSession(tokenPair.parse(await res.json()));
  if (res.status === 400 || res.status === 401 || res.status === 403) {
    clearSession();
    return null;
  }
  throw await toApiError(res);
}

/** Rotates the token pair once, however many requests and tabs ask at the same time. */
export function refreshSession(staleAccessToken: string): Promise<StoredSession | null> {
  const locked = async (): Promise<StoredSession | null> =>
    navigator.locks
      ? await navigator.locks.request('gomeet-refresh', () => rotate(staleAccessToken))
      : await rotate(staleAccessToken);
  const pending = (inflightRefresh ??= locked().finally(() => {
    inflightRefresh = null;
  }));
  return pending;
}

async function userToken(): Promise<string | null> {
  const s = getSession();
  if (!s) return null;
  if (s.expiresAt - REFRESH_MARGIN_MS > Date.now()) return s.accessToken;
  return (await refreshSession(s.accessToken))?.accessToken ?? null;
}

async function tokenFor(auth: Auth): Promise<string | null> {
  if (auth === 'none') return null;
  const user = await userToken();
  if (user || auth === 'user') return user;
  return getGuest(auth.meetingCode)?.accessToken ?? null;
}

async function send(path: string, method: string, body: unknown, token?: string | null) {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  try {
    return await fetch(path, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (cause) {
    throw new ApiError(0, 'network', i18n.t('errors.unreachable'), [], { cause });
  }
}

/** Calls the GoMeet API on this origin; refreshes and retries once on 401; throws ApiError. */
export async function api<T = undefined>(
  path: string,
  options: RequestOptions<T> = {},
): Promise<T> {
  const { method = 'GET', body, auth = 'none', schema, text } = options;
  const token = await tokenFor(auth);
  let res = await send(path, method, body, token);
  if (res.status === 401 && token) {
    const session = getSession();
    if (session?.accessToken === token) {
      const fresh = await refreshSession(token);
      if (fresh) res = await send(path, method, body, fresh.accessToken);
    } else if (typeof auth === 'object') {
      clearGuest(auth.meetingCode);
    }
  }
  if (!res.ok) throw await toApiError(res);
  if (text) return (await res.text()) as T;
  if (res.status === 204 || !schema) return undefined as T;
  return schema.parse(await res.json());
}

/** Keeps the access token fresh while signed in, so a request never waits for a refresh. */
export function keepSessionFresh(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(timer);
    const s = getSession();
    if (!s) return;
    const wait = Math.max(5_000, s.expiresAt - REFRESH_MARGIN_MS - Date.now());
    timer = setTimeout(() => {
      refreshSession(s.accessToken).catch(() => schedule());
    }, wait);
  };
  schedule();
  const unsubscribe = subscribeSession(schedule);
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
