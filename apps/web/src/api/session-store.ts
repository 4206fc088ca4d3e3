import type { GuestSession, Session, User } from '@gomeet/protocol';

/** A signed-in account's tokens as kept in localStorage. */
export interface StoredSession {
  user: User;
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token expires. */
  expiresAt: number;
}

/** A guest's meeting-scoped token (no refresh token: a new one is asked for when it runs out). */
export interface StoredGuest {
  accessToken: string;
  expiresAt: number;
  displayName: string;
  meetingCode: string;
}

const SESSION_KEY = 'gomeet.session';
const guestKey = (code: string) => `gomeet.guest.${code}`;

function readJson<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

let current: StoredSession | null = readJson<StoredSession>(SESSION_KEY);
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

// Another tab signing in, out, or rotating the refresh token must be seen here too.
window.addEventListener('storage', (e) => {
  if (e.key === SESSION_KEY || e.key === null) {
    current = readJson<StoredSession>(SESSION_KEY);
    emit();
  }
});

/** The signed-in session, or null. */
export function getSession(): StoredSession | null {
  return current;
}

/** Re-reads localStorage: another tab may have rotated the tokens since we last looked. */
export function reloadSession(): StoredSession | null {
  current = readJson<StoredSession>(SESSION_KEY);
  return current;
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Stores a session from login, register or refresh (refresh answers carry no user: keep ours). */
export function saveSession(
  tokens: Omit<Session, 'user'> & { user?: User },
  now = Date.now(),
): StoredSession | null {
  const user = tokens.user ?? current?.user;
  if (!user) return null;
  current = {
    user,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: now + tokens.expiresIn * 1000,
  };
  localStorage.setItem(SESSION_KEY, JSON.stringify(current));
  emit();
  return current;
}

export function clearSession(): void {
  current = null;
  localStorage.removeItem(SESSION_KEY);
  emit();
}

export function getGuest(code: string, now = Date.now()): StoredGuest | null {
  const guest = readJson<StoredGuest>(guestKey(code));
  // A token with less than a minute left would expire mid-join: treat it as gone.
  return guest && guest.expiresAt - 60_000 > now ? guest : null;
}

/** The display name a guest last used, to prefill the pre-join form. */
export function lastGuestName(): string {
  return localStorage.getItem('gomeet.guestName') ?? '';
}

export function saveGuest(session: GuestSession, now = Date.now()): StoredGuest {
  const guest: StoredGuest = {
    accessToken: session.accessToken,
    expiresAt: now + session.expiresIn * 1000,
    displayName: session.guest.displayName,
    meetingCode: session.guest.meetingCode,
  };
  localStorage.setItem(guestKey(guest.meetingCode), JSON.stringify(guest));
  localStorage.setItem('gomeet.guestName', guest.displayName);
  return guest;
}

export function clearGuest(code: string): void {
  localStorage.removeItem(guestKey(code));
}
