import { authProviders, session as sessionSchema, type AuthProviders } from '@gomeet/protocol';
import { useEffect, useState } from 'react';
import { api } from '../api/http';
import { saveSession } from '../api/session-store';

/** How this server signs people in (null until it said, or when it could not be asked). */
export function useAuthProviders(): AuthProviders | null {
  const [providers, setProviders] = useState<AuthProviders | null>(null);
  useEffect(() => {
    api('/api/auth/providers', { schema: authProviders })
      .then(setProviders)
      .catch(() => setProviders(null));
  }, []);
  return providers;
}

/** Trades the one-time code from a single sign-on for a session, stored like a password sign-in's. */
export async function finishSso(code: string): Promise<void> {
  saveSession(
    await api('/api/auth/oidc/session', { method: 'POST', body: { code }, schema: sessionSchema }),
  );
}
