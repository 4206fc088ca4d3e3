import { randomUUID } from 'node:crypto';
import { claimFirstAdmin } from '../admin/admin-role.js';
import type { AuthContext } from '../deps.js';
import { findUserByEmail } from '../users/repo.js';
import type { SsoClaims } from './finish-sign-in.js';
import { findIdentityUser, insertIdentity } from './repo.js';
import type { OidcProvider } from './settings.js';
import { SsoError } from './sso-error.js';

/**
 * The account a provider's person signs in to: the one already linked to their subject; else
 * the account with their email, linked now; else a new account. Linking or creating needs an
 * address the provider says it verified: otherwise anyone able to type someone's address at
 * a lax provider would take over that person's GoMeet account.
 */
export async function linkAccount(
  ctx: AuthContext,
  provider: OidcProvider,
  claims: SsoClaims,
): Promise<string> {
  const linked = await findIdentityUser(ctx.db, provider.id, claims.sub);
  if (linked) return linked;
  const email = claims.email;
  if (!email || !claims.emailVerified)
    throw new SsoError(
      'sso-email-unverified',
      `${provider.name} did not confirm an email address for you, so GoMeet cannot tell which account is yours. Confirm your address at ${provider.name} and try again.`,
    );
  const at = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await findUserByEmail(trx, email);
    let userId = existing?.id;
    if (existing && !existing.email_verified_at) {
      await trx
        .updateTable('auth_users')
        .set({ email_verified_at: at })
        .where('id', '=', existing.id)
        .execute();
    }
    if (!userId) {
      userId = randomUUID();
      await trx
        .insertInto('auth_users')
        .values({
          id: userId,
          email,
          display_name: displayNameFrom(claims.name, email),
          // No password: the account signs in through its provider until a reset link sets one.
          password_hash: '',
          created_at: at,
          updated_at: at,
          email_verified_at: at,
        })
        .execute();
      // On an SSO-only install the first account arrives this way: it administers, as a first sign-up does.
      await claimFirstAdmin(trx, userId, at);
    }
    await insertIdentity(trx, { provider: provider.id, subject: claims.sub, userId, email, at });
    ctx.log.info({ provider: provider.id, userId, created: !existing }, 'single sign-on linked');
    return userId;
  });
}

/** The provider's name for the person, else their address's local part; at most 80 characters. */
function displayNameFrom(name: string | undefined, email: string): string {
  // eslint-disable-next-line no-control-regex -- control characters and NUL have no place in a name
  const clean = (name ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (clean || email.split('@')[0] || email).slice(0, 80);
}
