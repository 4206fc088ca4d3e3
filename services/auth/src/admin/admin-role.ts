import { AppError } from '@gomeet/platform';
import type { User } from '@gomeet/protocol';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { AuthDb } from '../db.js';
import type { AuthContext } from '../deps.js';
import type { VerifiedToken } from '../keys/verify-access-token.js';
import { requireUser } from '../routes/authenticate.js';
import { toUser, type UserRow } from '../users/repo.js';

/**
 * Once account `userId`, created at `createdAt`, is stored: makes it the install's first admin
 * when no account was created before it. Two sign-ups racing on a fresh install may both see
 * none; the single-row table's key lets only one in, and at least one always tries (the
 * earlier of the two cannot see an earlier one).
 */
export async function claimFirstAdmin(db: AuthDb, userId: string, createdAt: Date): Promise<void> {
  await sql`
    insert into auth_first_admin (user_id, claimed_at)
    select ${userId}, ${createdAt}
    where not exists (
      select 1 from auth_users
      where id <> ${userId}
        and (created_at < ${createdAt} or (created_at = ${createdAt} and id < ${userId}))
    )
    on conflict do nothing`.execute(db);
}

/** The install's first account, if it still exists. */
export async function firstAdminId(db: AuthDb): Promise<string | undefined> {
  const row = await db.selectFrom('auth_first_admin').select('user_id').executeTakeFirst();
  return row?.user_id;
}

/**
 * Whether `user` is an admin: the install's first account, or listed in ADMIN_EMAILS with a
 * confirmed address (without the confirmation, anyone could sign up with a listed address on
 * an install whose mail is not sent, and be an admin).
 */
export function isAdmin(
  ctx: Pick<AuthContext, 'adminEmails'>,
  user: Pick<UserRow, 'id' | 'email' | 'email_verified_at'>,
  firstAdmin: string | undefined,
): boolean {
  if (user.id === firstAdmin) return true;
  return ctx.adminEmails.has(user.email) && user.email_verified_at !== null;
}

/** Whether the account is an admin, reading the first-admin row. */
export async function userIsAdmin(
  ctx: Pick<AuthContext, 'adminEmails' | 'db'>,
  user: Pick<UserRow, 'id' | 'email' | 'email_verified_at'>,
): Promise<boolean> {
  return isAdmin(ctx, user, await firstAdminId(ctx.db));
}

/** An account as its owner sees it, with whether it is an admin. */
export async function presentAccount(
  ctx: Pick<AuthContext, 'adminEmails' | 'db'>,
  row: UserRow,
): Promise<User> {
  return { ...toUser(row), admin: await userIsAdmin(ctx, row) };
}

/** Verifies the bearer token and refuses (403 `admin-required`) anyone but an admin. */
export async function requireAdmin(
  request: FastifyRequest,
  ctx: AuthContext,
): Promise<VerifiedToken> {
  const verified = await requireUser(request, ctx);
  if (!verified.actor.admin) {
    throw new AppError('FORBIDDEN', 'Only an admin of this GoMeet may do this.', {
      type: 'admin-required',
    });
  }
  return verified;
}
