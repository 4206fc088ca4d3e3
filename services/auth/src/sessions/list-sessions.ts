import type { AccountSession } from '@gomeet/protocol';
import type { AuthContext } from '../deps.js';

/**
 * The user's signed-in sessions, newest activity first: each family's live refresh token
 * (neither rotated, revoked nor expired) stands for its session.
 */
export async function listSessions({
  ctx,
  userId,
  currentSessionId,
}: {
  ctx: AuthContext;
  userId: string;
  currentSessionId: string | undefined;
}): Promise<AccountSession[]> {
  const rows = await ctx.db
    .selectFrom('auth_refresh_tokens')
    .select(['family_id', 'created_at'])
    .where('user_id', '=', userId)
    .where('rotated_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', ctx.now())
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.family_id,
    lastActiveAt: row.created_at.toISOString(),
    current: row.family_id === currentSessionId,
  }));
}
