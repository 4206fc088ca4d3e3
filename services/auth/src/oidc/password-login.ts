import { AppError } from '@gomeet/platform';
import type { AuthContext } from '../deps.js';

/** In "SSO only" mode (AUTH_PASSWORD_LOGIN=false), password sign-up and sign-in answer 403. */
export function refusePasswordsWhenSsoOnly(ctx: AuthContext): void {
  if (ctx.oidc?.passwordLogin !== false) return;
  const names = ctx.oidc.providers.map((p) => p.name).join(' or ');
  throw new AppError(
    'FORBIDDEN',
    `This server signs people in only through single sign-on: use "Sign in with ${names}".`,
    { type: 'password-login-disabled' },
  );
}
