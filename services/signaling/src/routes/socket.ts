import websocket from '@fastify/websocket';
import type { FastifyPluginAsync } from 'fastify';
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
  app.get('/ws', { websocket: true }, (socket) => acceptSocket(hub, socket));
  hub.start();
};
