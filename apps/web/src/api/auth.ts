import {
  guestSession,
  registrationPending,
  session as sessionSchema,
  type LoginBody,
  type RegisterBody,
} from '@gomeet/protocol';
import { api } from './http';
import {
  clearSession,
  getSession,
  saveGuest,
  saveSession,
  type StoredGuest,
} from './session-store';

/** Creates an account: signed in at once, or, when the server mails over SMTP, after the link. */
export async function register(body: RegisterBody): Promise<'signed-in' | 'check-email'> {
  const answer = await api('/api/auth/register', {
    method: 'POST',
    body,
    schema: sessionSchema.or(registrationPending),
  });
  if ('status' in answer) return 'check-email';
  saveSession(answer);
  return 'signed-in';
}

export async function login(body: LoginBody): Promise<void> {
  saveSession(await api('/api/auth/login', { method: 'POST', body, schema: sessionSchema }));
}

/** Ends the session on the server (best effort) and forgets it here. */
export async function logout(): Promise<void> {
  const s = getSession();
  clearSession();
  if (!s) return;
  await api('/api/auth/logout', {
    method: 'POST',
    body: { refreshToken: s.refreshToken },
    auth: 'none',
  }).catch(() => undefined);
}

/** A meeting-scoped guest token, so someone without an account can join by link. */
export async function joinAsGuest(meetingCode: string, displayName: string): Promise<StoredGuest> {
  return saveGuest(
    await api('/api/auth/guest', {
      method: 'POST',
      body: { meetingCode, displayName },
      schema: guestSession,
    }),
  );
}
