import { useSyncExternalStore } from 'react';

const NAVIGATE = 'gomeet:navigate';

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATE, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATE, listener);
  };
}

/** Moves to an app path without a page load (the server answers every path with index.html). */
export function navigate(to: string, { replace = false } = {}): void {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE));
  window.scrollTo(0, 0);
}

/** The current path, re-rendering on navigation. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, () => location.pathname);
}

export type Route =
  | { name: 'home' }
  | { name: 'meeting'; code: string }
  | { name: 'reset-password' }
  | { name: 'verify-email' }
  | { name: 'profile' }
  | { name: 'sso' }
  | { name: 'admin' }
  | { name: 'not-found' };

/** Pages with a fixed path (emailed links carry their token in the query). */
const pages: Record<string, Route> = {
  '/reset-password': { name: 'reset-password' },
  '/verify-email': { name: 'verify-email' },
  '/profile': { name: 'profile' },
  '/sso': { name: 'sso' },
  '/admin': { name: 'admin' },
};

/** Maps a path to a screen; meeting codes are lower-cased so a read-out code still works. */
export function matchRoute(path: string): Route {
  if (path === '/' || path === '') return { name: 'home' };
  const page = pages[path.replace(/\/$/, '')];
  if (page) return page;
  const m = /^\/m\/([A-Za-z-]+)\/?$/.exec(path);
  if (m?.[1]) return { name: 'meeting', code: m[1].toLowerCase() };
  return { name: 'not-found' };
}

/** Extracts a meeting code from what someone pasted: a code, or an invite link. */
export function parseMeetingCode(input: string): string | null {
  const text = input.trim().toLowerCase();
  const m =
    /([a-z]{3}-[a-z]{4}-[a-z]{3})\/?$/.exec(text) ?? /^([a-z]{3})([a-z]{4})([a-z]{3})$/.exec(text);
  if (!m) return null;
  return m.length === 4 ? `${m[1]}-${m[2]}-${m[3]}` : (m[1] ?? null);
}
