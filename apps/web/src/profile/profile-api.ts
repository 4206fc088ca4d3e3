import { user as userSchema } from '@gomeet/protocol';
import { api } from '../api/http';
import { getSession, saveSession } from '../api/session-store';

/** Renames the account and keeps the stored session's user in step. */
export async function updateDisplayName(displayName: string): Promise<void> {
  const user = await api('/api/auth/me', {
    method: 'PATCH',
    auth: 'user',
    body: { displayName },
    schema: userSchema,
  });
  const s = getSession();
  if (!s) return;
  saveSession({
    user,
    accessToken: s.accessToken,
    refreshToken: s.refreshToken,
    tokenType: 'Bearer',
    expiresIn: (s.expiresAt - Date.now()) / 1000,
  });
}

/** Changes the password; the server signs out every other session and mails a notice. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await api('/api/auth/me/password', {
    method: 'POST',
    auth: 'user',
    body: { currentPassword, newPassword },
  });
}
