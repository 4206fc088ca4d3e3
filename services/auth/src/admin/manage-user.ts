import { AppError, type Actor } from '@gomeet/platform';
import type { AdminUser } from '@gomeet/protocol';
import type { AuthDb } from '../db.js';
import type { AuthContext } from '../deps.js';
import { createEmailToken } from '../email/email-tokens.js';
import { RESET_PAGE } from '../email/request-password-reset.js';
import { appLink, RESET_LINK_TTL_SECONDS } from '../mail/messages.js';
import { sendInBackground } from '../mail/send-mail.js';
import { revokeOtherFamilies } from '../sessions/repo.js';
import { revokeAccessTokens } from '../sessions/sign-out-everywhere.js';
import { findUserById, updateUser, type UserRow } from '../users/repo.js';
import { firstAdminId } from './admin-role.js';
import { recordAdminAction, type UserAdminAction } from './audit.js';
import { forcedResetMail } from './forced-reset-mail.js';
import { presentAdminUser } from './list-users.js';

type Input = { ctx: AuthContext; admin: Actor; userId: string };

const notFound = () =>
  new AppError('NOT_FOUND', 'There is no account with this id.', { type: 'account-not-found' });

/**
 * Runs one admin action on an account in a transaction with its audit row: loads the account
 * (404), refuses acting on oneself (an admin locking themselves out), applies `change`, and
 * signs every session of the account out when `signOut`.
 */
async function act(
  { ctx, admin, userId }: Input,
  action: UserAdminAction,
  options: {
    signOut: boolean;
    change: (trx: AuthDb, user: UserRow, at: Date) => Promise<UserRow | undefined>;
  },
): Promise<{ user: UserRow; revoked: string[] }> {
  if (userId === admin.id) {
    throw new AppError('CONFLICT', 'Admins cannot do this to their own account.', {
      type: 'own-account',
    });
  }
  const at = ctx.now();
  const result = await ctx.db.transaction().execute(async (trx) => {
    const found = await findUserById(trx, userId);
    if (!found) throw notFound();
    const user = (await options.change(trx, found, at)) ?? found;
    const revoked = options.signOut ? await revokeOtherFamilies(trx, userId, undefined, at) : [];
    await recordAdminAction(trx, {
      admin,
      action,
      target: userId,
      details: { email: user.email, sessionsEnded: revoked.length },
      at,
    });
    return { user, revoked };
  });
  // Their access tokens stop working at once, on every service.
  await revokeAccessTokens(ctx, result.revoked);
  return result;
}

async function present(ctx: AuthContext, user: UserRow): Promise<AdminUser> {
  return presentAdminUser(ctx, user, await firstAdminId(ctx.db));
}

/** Disables an account: every session ends now, and sign-in and refresh are refused. */
export async function disableUser(input: Input): Promise<AdminUser> {
  const { user } = await act(input, 'user.disable', {
    signOut: true,
    change: (trx, found, at) =>
      updateUser(trx, found.id, { disabled_at: found.disabled_at ?? at, updated_at: at }),
  });
  return present(input.ctx, user);
}

/** Lets a disabled account sign in again. */
export async function enableUser(input: Input): Promise<AdminUser> {
  const { user } = await act(input, 'user.enable', {
    signOut: false,
    change: (trx, found, at) => updateUser(trx, found.id, { disabled_at: null, updated_at: at }),
  });
  return present(input.ctx, user);
}

/**
 * Makes the owner choose a new password: every session ends, sign-in is refused until a new
 * password is set, and a reset link is mailed (the reset flow of "Forgot password?"). Without
 * mail the owner could never get back in: refused (409 `mail-not-configured`).
 */
export async function forcePasswordReset(input: Input): Promise<AdminUser> {
  const mail = input.ctx.mail;
  if (!mail) {
    throw new AppError(
      'CONFLICT',
      'No mail is set up, so the owner could not receive a reset link; nothing was changed.',
      { type: 'mail-not-configured' },
    );
  }
  let link = '';
  const { user } = await act(input, 'user.force-password-reset', {
    signOut: true,
    change: async (trx, found, at) => {
      const token = await createEmailToken(trx, {
        userId: found.id,
        purpose: 'reset-password',
        now: at,
        ttlSeconds: RESET_LINK_TTL_SECONDS,
      });
      link = appLink(mail.appUrl, RESET_PAGE, token);
      return updateUser(trx, found.id, { password_reset_required_at: at, updated_at: at });
    },
  });
  sendInBackground(input.ctx, 'forced-password-reset', forcedResetMail(user.email, link));
  return present(input.ctx, user);
}
