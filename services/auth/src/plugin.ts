import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminRoutes } from './admin/admin-routes.js';
import { createContext, type AuthDeps } from './deps.js';
import { accountMailRoutes } from './routes/account-mail.js';
import { guestRoute } from './routes/guest.js';
import { jwksRoute } from './routes/jwks.js';
import { loginRoute } from './routes/login.js';
import { logoutRoute } from './routes/logout.js';
import { meRoutes } from './routes/me.js';
import { oidcRoutes } from './routes/oidc.js';
import { refreshRoute } from './routes/refresh.js';
import { registerRoute } from './routes/register.js';
import { turnCredentialsRoute } from './routes/turn-credentials.js';

/**
 * The auth-service's routes, relative to the prefix the host gives (the gateway uses
 * `/api/auth`). Register after `migrate(db, 'auth', authMigrations)`; registration makes sure
 * a signing key exists.
 */
export const authRoutes: FastifyPluginAsync<AuthDeps> = async (instance, deps) => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const ctx = createContext(deps, instance.log);
  await ctx.keys.init();
  registerRoute(app, ctx);
  loginRoute(app, ctx);
  refreshRoute(app, ctx);
  logoutRoute(app, ctx);
  meRoutes(app, ctx);
  accountMailRoutes(app, ctx);
  jwksRoute(app, ctx);
  guestRoute(app, ctx);
  turnCredentialsRoute(app, ctx);
  oidcRoutes(app, ctx);
  adminRoutes(app, ctx);
};
