import { request as httpRequest, type IncomingMessage } from 'node:http';
import { createServer, type Server } from 'node:https';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';

/** What the HTTPS front serves. */
export interface TlsFrontOptions {
  /** The Fastify app (already listening on an internal loopback port). */
  app: Pick<FastifyInstance, 'routing' | 'server'>;
  host: string;
  port: number;
  cert: Buffer;
  key: Buffer;
  /** LiveKit's plain-HTTP address (`http://127.0.0.1:7880`); its signalling is served at /rtc. */
  livekitHttpUrl?: string | undefined;
}

/** The running HTTPS front; `close` stops accepting and ends open connections. */
export interface TlsFront {
  server: Server;
  close(): Promise<void>;
}

const isRtc = (url: string | undefined) => url === '/rtc' || /^\/rtc[/?]/.test(url ?? '');

/**
 * Serves the app over HTTPS on HOST:PORT (browsers give camera and microphone only to secure
 * origins) and proxies LiveKit's signalling under the same origin at /rtc, WebSocket upgrades
 * included, so one certificate covers both. Other upgrades (/ws) go to the app's own handler.
 */
export async function startTlsFront(o: TlsFrontOptions): Promise<TlsFront> {
  const livekit = o.livekitHttpUrl ? new URL(o.livekitHttpUrl) : undefined;
  const server = createServer({ cert: o.cert, key: o.key }, (req, res) => {
    if (!livekit || !isRtc(req.url)) {
      o.app.routing(req, res);
      return;
    }
    // /rtc/validate and friends: plain HTTP to LiveKit.
    const upstream = httpRequest(
      {
        host: livekit.hostname,
        port: livekit.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    req.pipe(upstream);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (livekit && isRtc(req.url)) proxyUpgrade(req, socket, head, livekit);
    else o.app.server.emit('upgrade', req, socket, head);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Replays the upgrade request to LiveKit over TCP and then pipes bytes both ways. */
function proxyUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, target: URL): void {
  const upstream = connect(Number(target.port), target.hostname, () => {
    const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/1.1`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i] ?? '';
      const value = name.toLowerCase() === 'host' ? target.host : (req.rawHeaders[i + 1] ?? '');
      lines.push(`${name}: ${value}`);
    }
    upstream.write(lines.join('\r\n') + '\r\n\r\n');
    if (head.length > 0) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  const end = () => {
    upstream.destroy();
    socket.destroy();
  };
  upstream.on('error', end);
  socket.on('error', end);
  socket.on('close', end);
  upstream.on('close', end);
}
