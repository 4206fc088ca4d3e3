import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { DOCUMENT_SECURITY_HEADERS, webAppCsp } from '@gomeet/platform';
import type { FastifyPluginAsync } from 'fastify';

/** Where the web app is built, and the LiveKit URL its CSP lets it connect to. */
export interface WebAppOptions {
  dist: string;
  /** A fixed URL, or the one handed to a browser that reached us at a given Host. */
  livekitUrl?: string | ((requestHost: string) => string) | undefined;
}

/**
 * Serves the built web app at / with an SPA fallback: any GET that is not an API, WebSocket,
 * webhook or ops path gets index.html, so deep links like /m/abc-defg-hij work. Every response
 * of this plugin carries the strict Content-Security-Policy of `webAppCsp` (tokens live in
 * localStorage, so no injected script may run) and the headers only documents use.
 */
export const serveWebApp: FastifyPluginAsync<WebAppOptions> = async (app, { dist, livekitUrl }) => {
  const fixed = typeof livekitUrl === 'function' ? undefined : webAppCsp({ livekitUrl });
  // This plugin is encapsulated: the hook covers the web app's routes, not the API's.
  app.addHook('onRequest', (request, reply, done) => {
    const csp =
      fixed ?? webAppCsp({ livekitUrl: (livekitUrl as (host: string) => string)(request.host) });
    void reply.headers(DOCUMENT_SECURITY_HEADERS).header('content-security-policy', csp);
    done();
  });
  const index = path.join(dist, 'index.html');
  if (!existsSync(index)) {
    app.log.warn(
      { dist },
      'web app not built; run "npm run build -w @gomeet/web" to serve it at /',
    );
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type('text/plain')
        .send('GoMeet API is running. The web app is not built: npm run build -w @gomeet/web\n'),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: dist,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    // Our own cache-control below; @fastify/static would otherwise overwrite it with max-age=0.
    cacheControl: false,
    // Hashed assets never change; index.html must be revalidated so new deploys are picked up.
    setHeaders: (res, file) => {
      res.setHeader(
        'cache-control',
        file.includes(`${path.sep}assets${path.sep}`)
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      );
    },
  });
  const reserved = /^\/(api|ws|rtc|livekit|metrics|healthz|readyz)(\/|$)/;
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    if (reserved.test(url) || path.extname(url)) {
      return reply.callNotFound();
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
};
