import { authProviders, session, ssoSessionBody } from '@gomeet/protocol';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AuthContext } from '../deps.js';
import { createDiscovery } from '../oidc/discovery.js';
import { exchangeHandoff } from '../oidc/exchange-handoff.js';
import { finishSignIn } from '../oidc/finish-sign-in.js';
import type { OidcSettings } from '../oidc/settings.js';
import { SsoError } from '../oidc/sso-error.js';
import { SIGN_IN_TTL_SECONDS, startSignIn, type Sso } from '../oidc/start-sign-in.js';
import { problems, tags, type AuthApp } from './schemas.js';

/** The cookie that ties a sign-in's state to the browser that started it. */
const STATE_COOKIE = 'gomeet_sso_state';
const COOKIE_PATH = '/api/auth/oidc';

const providerParams = z.object({ provider: z.string().min(1).max(64) });
/** What a provider sends back (RFC 6749 4.1.2, RFC 9207 `iss`); the checks read the raw query. */
const callbackQuery = z.object({
  code: z.string().optional(),
  state: z.string().optional(),
  iss: z.string().optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
});
const redirect = z
  .null()
  .describe('A redirect (Location): to the provider, or to /sso in the web app');

/**
 * GET /providers (how this server signs people in), and single sign-on with OpenID Connect:
 * GET /oidc/{provider}/start and /oidc/{provider}/callback, POST /oidc/session.
 */
export function oidcRoutes(app: AuthApp, ctx: AuthContext): void {
  const settings: OidcSettings = ctx.oidc ?? { providers: [], passwordLogin: true, publicUrl: '' };
  const sso: Sso = { settings, discover: createDiscovery() };
  const secure = settings.publicUrl.startsWith('https:') ? '; Secure' : '';
  const cookie = (value: string, maxAge: number) =>
    `${STATE_COOKIE}=${value}; Path=${COOKIE_PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure}`;
  const backToApp = (reply: FastifyReply, fragment: Record<string, string>) =>
    reply
      .header('cache-control', 'no-store')
      .redirect(`${settings.publicUrl}/sso#${new URLSearchParams(fragment).toString()}`, 303);
  const refused = (reply: FastifyReply, error: unknown) => {
    if (!(error instanceof SsoError)) throw error;
    ctx.log.warn({ type: error.type, cause: describeCause(error.cause) }, 'single sign-on refused');
    return backToApp(reply, { error: error.type, message: error.message });
  };

  app.get(
    '/providers',
    {
      schema: {
        tags,
        summary:
          'How this server signs people in: whether passwords are accepted, and the single sign-on providers',
        response: { 200: authProviders },
      },
    },
    () => ({
      passwordLogin: settings.passwordLogin,
      providers: settings.providers.map((p) => ({
        id: p.id,
        name: p.name,
        startUrl: `/api/auth/oidc/${p.id}/start`,
      })),
    }),
  );

  app.get(
    '/oidc/:provider/start',
    {
      schema: {
        tags,
        summary:
          'Start single sign-on: redirects to the provider (authorization code with PKCE, state and nonce)',
        params: providerParams,
        response: { 303: redirect, ...problems(400) },
      },
    },
    async (request, reply) => {
      try {
        const started = await startSignIn({ ctx, sso, providerId: request.params.provider });
        return reply
          .header('set-cookie', cookie(started.state, SIGN_IN_TTL_SECONDS))
          .header('cache-control', 'no-store')
          .redirect(started.redirectTo, 303);
      } catch (error) {
        return refused(reply, error);
      }
    },
  );

  app.get(
    '/oidc/:provider/callback',
    {
      schema: {
        tags,
        summary:
          "The provider's redirect back: checks state, PKCE, nonce and the ID token, links the account by verified email, then redirects to /sso in the web app with a one-time code or an error message",
        params: providerParams,
        querystring: callbackQuery,
        response: { 303: redirect, ...problems(400) },
      },
    },
    async (request, reply) => {
      reply.header('set-cookie', cookie('', 0));
      try {
        const { handoffCode } = await finishSignIn({
          ctx,
          sso,
          providerId: request.params.provider,
          // As sent, parameters beyond the documented ones included (openid-client reads them all).
          query: new URL(request.raw.url ?? '', 'http://callback').searchParams,
          cookieState: readCookie(request.headers.cookie, STATE_COOKIE),
        });
        return backToApp(reply, { code: handoffCode });
      } catch (error) {
        return refused(reply, error);
      }
    },
  );

  app.post(
    '/oidc/session',
    {
      schema: {
        tags,
        summary:
          'Trade the one-time code from a single sign-on for a session (as a password sign-in gives)',
        body: ssoSessionBody,
        response: { 200: session, ...problems(400, 401) },
      },
    },
    async (request) => exchangeHandoff({ ctx, code: request.body.code }),
  );
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=') || undefined;
  }
  return undefined;
}

/** The cause's class and message for the log (the provider's error, never our secrets). */
function describeCause(cause: unknown): string | undefined {
  if (!(cause instanceof Error)) return undefined;
  const code =
    (cause as { code?: unknown; error?: unknown }).code ?? (cause as { error?: unknown }).error;
  return `${cause.name}${typeof code === 'string' ? ` ${code}` : ''}: ${cause.message}`;
}
