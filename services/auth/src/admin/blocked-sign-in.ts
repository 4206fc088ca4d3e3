import { AppError } from '@gomeet/platform';
import type { UserRow } from '../users/repo.js';

/** 403 `account-disabled`: an admin disabled the account. */
export function accountDisabled(): AppError {
  return new AppError(
    'FORBIDDEN',
    'This account has been disabled by an administrator. Ask them if you think this is a mistake.',
    { type: 'account-disabled' },
  );
}

/**
 * Refuses sign-in to an account an admin disabled, or asked to choose a new password. Called
 * only once the password was right, so neither state is told to someone guessing.
 */
export function refuseBlockedSignIn(
  user: Pick<UserRow, 'disabled_at' | 'password_reset_required_at'>,
): void {
  if (user.disabled_at) throw accountDisabled();
  if (user.password_reset_required_at) {
    throw new AppError(
      'FORBIDDEN',
      'An administrator asked you to choose a new password: open the link we mailed you, or use "Forgot password?".',
      { type: 'password-reset-required' },
    );
  }
}
