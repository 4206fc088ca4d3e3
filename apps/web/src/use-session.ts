import { useSyncExternalStore } from 'react';
import { getSession, subscribeSession, type StoredSession } from './api/session-store';

/** The signed-in session (null when signed out), kept in step with other tabs. */
export function useSession(): StoredSession | null {
  return useSyncExternalStore(subscribeSession, getSession);
}
