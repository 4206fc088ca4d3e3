import { AppError } from '@gomeet/platform';
import type { User } from '@gomeet/protocol';
import type { AuthContext } from '../deps.js';
import { presentAccount } from '../admin/admin-role.js';
import { updateUser } from './repo.js';

/** Changes the signed-in user's display name; new access tokens carry it. */
export async function updateProfile({
  ctx,
  userId,
  input,
}: {
  ctx: AuthContext;
  userId: string;
  input: { displayName: string };
}): Promise<User> {
  const user = await updateUser(ctx.db, userId, {
    display_name: input.displayName,
    updated_at: ctx.now(),
  });
  if (!user)
    throw new AppError('NOT_FOUND', 'This account no longer exists.', {
      type: 'account-not-found',
    });
  // With `admin`: the web app keeps this as its signed-in user.
  return presentAccount(ctx, user);
}
