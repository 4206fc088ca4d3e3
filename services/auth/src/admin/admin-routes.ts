import {
  adminAuditLog,
  adminAuditQuery,
  adminUser,
  adminUserList,
  adminUserQuery,
} from '@gomeet/protocol';
import type { Actor } from '@gomeet/platform';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AuthContext } from '../deps.js';
import { bearer, problems, type AuthApp } from '../routes/schemas.js';
import { requireAdmin } from './admin-role.js';
import { listAdminActions } from './audit.js';
import { listUsers } from './list-users.js';
import { disableUser, enableUser, forcePasswordReset } from './manage-user.js';

const docs = { tags: ['admin'], security: bearer };

/** Admins checked before the body and parameters are read: a non-admin learns nothing more. */
function adminOnly(ctx: AuthContext) {
  const admins = new WeakMap<FastifyRequest, Actor>();
  return {
    onRequest: async (request: FastifyRequest) => {
      admins.set(request, (await requireAdmin(request, ctx)).actor);
    },
    adminOf: (request: FastifyRequest): Actor => {
      const actor = admins.get(request);
      if (!actor) throw new Error('adminOf() on a route without the admin check');
      return actor;
    },
  };
}
const userParams = z.object({ id: z.uuid('expected an account id') });

/** Account actions, each written to the audit log: POST /admin/users/:id/<action>. */
const actions = {
  disable: {
    verb: disableUser,
    summary: 'Disable an account: its sessions end, sign-in is refused',
  },
  enable: { verb: enableUser, summary: 'Let a disabled account sign in again' },
  'force-password-reset': {
    verb: forcePasswordReset,
    summary: 'Make the owner choose a new password (sessions end, a reset link is mailed)',
  },
};

/** The admin console's account routes, under /admin; admins only (403 `admin-required`). */
export function adminRoutes(app: AuthApp, ctx: AuthContext): void {
  const { onRequest, adminOf } = adminOnly(ctx);
  app.get(
    '/admin/users',
    {
      onRequest,
      schema: {
        ...docs,
        summary: 'Accounts, newest first, with a search in email and name (admins)',
        querystring: adminUserQuery,
        response: { 200: adminUserList, ...problems(400, 401, 403) },
      },
    },
    async (request) => listUsers({ ctx, input: request.query }),
  );

  for (const [path, { verb, summary }] of Object.entries(actions)) {
    app.post(
      `/admin/users/:id/${path}`,
      {
        onRequest,
        schema: {
          ...docs,
          summary: `${summary} (admins)`,
          params: userParams,
          response: { 200: adminUser, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request) => verb({ ctx, admin: adminOf(request), userId: request.params.id }),
    );
  }

  app.get(
    '/admin/audit',
    {
      onRequest,
      schema: {
        ...docs,
        summary: 'The audit log of admin actions on accounts, newest first (admins)',
        querystring: adminAuditQuery,
        response: { 200: adminAuditLog, ...problems(400, 401, 403) },
      },
    },
    async (request) => ({ entries: await listAdminActions(ctx.db, request.query.limit) }),
  );
}
