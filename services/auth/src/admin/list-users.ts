import type { AdminUser, AdminUserList } from '@gomeet/protocol';
import type { AuthContext } from '../deps.js';
import type { UserRow } from '../users/repo.js';
import { firstAdminId, isAdmin } from './admin-role.js';

/** LIKE's wildcards in a search are matched as themselves. */
function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Accounts, newest first, optionally those whose email or name contains `q`. */
export async function listUsers({
  ctx,
  input,
}: {
  ctx: AuthContext;
  input: { q?: string | undefined; limit: number; offset: number };
}): Promise<AdminUserList> {
  let query = ctx.db.selectFrom('auth_users');
  const q = input.q?.trim();
  if (q) {
    const pattern = likePattern(q);
    query = query.where((eb) =>
      eb.or([eb('email', 'like', pattern), eb(eb.fn('lower', ['display_name']), 'like', pattern)]),
    );
  }
  const [rows, count, first] = await Promise.all([
    query
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(input.limit)
      .offset(input.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
    firstAdminId(ctx.db),
  ]);
  return {
    users: rows.map((row) => presentAdminUser(ctx, row, first)),
    total: Number(count.n),
  };
}

/** An account as the admin console shows it. */
export function presentAdminUser(
  ctx: Pick<AuthContext, 'adminEmails'>,
  row: UserRow,
  firstAdmin: string | undefined,
): AdminUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    createdAt: row.created_at.toISOString(),
    admin: isAdmin(ctx, row, firstAdmin),
    emailVerified: row.email_verified_at !== null,
    disabledAt: row.disabled_at?.toISOString() ?? null,
    passwordResetRequired: row.password_reset_required_at !== null,
  };
}
