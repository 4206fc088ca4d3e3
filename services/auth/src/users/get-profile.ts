import { AppError } from '@gomeet/platform';
import type { User } from '@gomeet/protocol';
import type { AuthContext } from '../deps.js';
import { presentAccount } from '../admin/admin-role.js';
import { findUserById } from './repo.js';

/** The signed-in user's account. */
export async function getProfile({
  ctx,
  userId,
}: {
  ctx: AuthContext;
  userId: string;
}): Promise<User> {
  const user = await findUserById(ctx.db, userId);
  if (!user)
    throw new AppError('NOT_FOUND', 'This account no longer exists.', {
      type: 'account-not-found',
    });
  return presentAccount(ctx, user);
}
