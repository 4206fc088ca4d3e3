import websocket from '@fastify/websocket';
import { AppError } from '@gomeet/platform';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { SignalingDeps } from '../deps.js';
import { Hub } from '../realtime/hub.js';
import { acceptSocket } from '../realtime/session.js';

/** Frames above this size close the socket with 1009 (ws maxPayload). */
export const MAX_FRAME_BYTES = 16 * 1024;

/**
 * GET /ws: the one real-time socket per participant (presence, hands, reactions and every
 * meeting event). Registers @fastify/websocket in its own encapsulated context. On app close,
 * sockets are closed with 1001 so clients reconnect to another instance.
 */
export const signalingRoutes: FastifyPluginAsync<SignalingDeps> = async (app, deps) => {
  const hub = new Hub(deps, app.log);
  await app.register(websocket, {
    options: { maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false },
    // Socket errors are the client's (bad frames, resets): ws closes the socket itself.
    errorHandler: (err, socket, request) => {
      request.log.warn({ err }, 'websocket error');
      if (socket.readyState === socket.OPEN) socket.close(1011, 'internal error');
    },
    preClose: (done) => {
      hub
        .close()
        .then(() => app.websocketServer.close(() => done()))
        .catch((err: unknown) => {
          app.log.warn({ err }, 'closing sockets failed');
          done();
        });
    },
  });
  const checkOrigin = originCheck(deps.publicUrl);
  app.get('/ws', { websocket: true, onRequest: checkOrigin }, (socket) =>
    acceptSocket(hub, socket),
  );
  hub.start();
};

/**
 * Refuses (403) a socket upgrade from a page on another origin than the web app's, so no other
 * site can open a socket with a visitor's browser (cross-site WebSocket hijacking). Without
 * `publicUrl` (tests, a bare local run) every origin passes. No `Origin` header passes too:
 * browsers always send one, and bots and load generators authenticate with their token.
 */
export function originCheck(publicUrl: string | undefined) {
  const allowed = publicUrl ? new URL(publicUrl).origin : undefined;
  return async (request: FastifyRequest): Promise<void> => {
    const origin = request.headers.origin;
    if (!allowed || origin === undefined || origin === allowed) return;
    throw new AppError('FORBIDDEN', `Sockets are only opened from ${allowed}.`, {
      type: 'origin-not-allowed',
    });
  };
}
