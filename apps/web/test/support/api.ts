import type { Meeting, Session } from '@gomeet/protocol';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext } from 'playwright-core';

/** Calls the GoMeet API from the test process; throws with the problem body on failure. */
export async function post<T>(
  base: string,
  path: string,
  body: unknown,
  token?: string,
): Promise<T> {
  const res = await fetch(new URL(path, base), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A fresh account, made through the API. */
export function registerUser(base: string, displayName = 'Host'): Promise<Session> {
  return post<Session>(base, '/api/auth/register', {
    email: `${randomUUID()}@example.test`,
    password: 'correct horse battery staple',
    displayName,
  });
}

export function createMeeting(
  base: string,
  session: Session,
  body: Record<string, unknown>,
): Promise<Meeting> {
  return post<Meeting>(base, '/api/meetings', body, session.accessToken);
}

/** A browser context already signed in as `session` (the app keeps it in localStorage). */
export async function signedInContext(
  browser: Browser,
  session: Session,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  const stored = {
    user: session.user,
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
    expiresAt: Date.now() + session.expiresIn * 1000,
  };
  await context.addInitScript((value) => {
    localStorage.setItem('gomeet.session', value);
  }, JSON.stringify(stored));
  return context;
}
