import {
  mailDelivery,
  passwordResetBody,
  passwordResetRequestBody,
  verifyEmailBody,
} from '@gomeet/protocol';
import { z } from 'zod';
import type { AuthContext } from '../deps.js';
import { requestPasswordReset } from '../email/request-password-reset.js';
import { resetPassword } from '../email/reset-password.js';
import { verifyEmail } from '../email/verify-email.js';
import { noContent, problems, tags, type AuthApp } from './schemas.js';

const accepted = z.object({ status: z.literal('check-email') });

/** Password reset by emailed link, address verification, and where mail goes. */
export function accountMailRoutes(app: AuthApp, ctx: AuthContext): void {
  app.get(
    '/mail-delivery',
    {
      schema: {
        tags,
        summary: 'Where account mail goes (the sign-up and reset pages say so)',
        response: { 200: mailDelivery },
      },
    },
    () => ctx.mail?.mailer.delivery ?? { mode: 'off' as const },
  );

  app.post(
    '/password-reset/request',
    {
      schema: {
        tags,
        summary:
          'Mail a password reset link; the same answer whether or not the address has an account',
        body: passwordResetRequestBody,
        response: { 202: accepted, ...problems(400, 429) },
      },
    },
    async (request, reply) => {
      await requestPasswordReset({ ctx, input: { email: request.body.email, ip: request.ip } });
      return reply.status(202).send({ status: 'check-email' });
    },
  );

  app.post(
    '/password-reset',
    {
      schema: {
        tags,
        summary: 'Set a new password with the token of a reset link; signs out every session',
        body: passwordResetBody,
        response: { 204: noContent, ...problems(400, 410, 429) },
      },
    },
    async (request, reply) => {
      await resetPassword({ ctx, input: { ...request.body, ip: request.ip } });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/verify-email',
    {
      schema: {
        tags,
        summary: 'Confirm the account address with the token of a verification link',
        body: verifyEmailBody,
        response: { 204: noContent, ...problems(400, 410, 429) },
      },
    },
    async (request, reply) => {
      await verifyEmail({ ctx, input: { ...request.body, ip: request.ip } });
      return reply.status(204).send(null);
    },
  );
}
