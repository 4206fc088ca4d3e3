import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { authLimits, authMigrations, authRoutes } from '@gomeet/auth';
import { chatMigrations, chatRoutes } from '@gomeet/chat';
import { meetingMigrations, meetingRoutes, passcodeLimits } from '@gomeet/meeting';
import {
  createApp,
  createMetrics,
  createTokenVerifier,
  freePort,
  metricsAddress,
  migrate,
  openSharedState,
  type ReadinessCheck,
  remoteJwks,
  secureDataDir,
} from '@gomeet/platform';
import { signalingMigrations, signalingRoutes, webhookRoutes } from '@gomeet/signaling';
import { RoomServiceClient } from 'livekit-server-sdk';
import { loadDevSecrets } from './dev-secrets.js';
import { startLiveKit, type LiveKitProcess } from './livekit-process.js';
import { serveWebApp } from './web-app.js';
import type { ServerConfig } from './config.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** A running GoMeet: every service on one port, plus LiveKit unless LIVEKIT_URL points elsewhere. */
export interface RunningGoMeet {
  url: string;
  livekitUrl: string;
  /** Where `/metrics` is served when METRICS_PORT is set (else it is `${url}/metrics`). */
  metricsUrl: string;
  /** The PID of the embedded LiveKit now running (undefined with LIVEKIT_URL); for tests. */
  livekitPid(): number | undefined;
  close(): Promise<void>;
}

/** Options for starting the all-in-one server (tests pass port 0 and logLevel false). */
export interface StartOptions {
  config: ServerConfig;
}

function selfHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
}

/**
 * Starts the all-in-one server: opens the database (PGlite unless DATABASE_URL) and runs every
 * service's migrations, picks the Redis or in-process bus, starts LiveKit, mounts each service
 * under its gateway path and serves the web app at /.
 */
export async function startServer({ config }: StartOptions): Promise<RunningGoMeet> {
  const port = config.PORT === 0 ? await freePort(config.HOST) : config.PORT;
  const origin = `http://${selfHost(config.HOST)}:${port}`;
  const publicUrl = (config.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  const dataDir = path.resolve(repoRoot, config.GOMEET_DATA_DIR);
  const cleanups: (() => Promise<unknown>)[] = [];
  const closeAll = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  };

  try {
    // The data folder holds the database and its signing key: private before anything is written.
    const dataDirState = await secureDataDir(dataDir);
    const state = await openSharedState({
      ...config,
      GOMEET_DATA_DIR: dataDir,
      name: 'gomeet-server',
    });
    cleanups.push(state.close);
    const { database, bus, live, rateLimiter } = state;
    await migrate(database.db, 'auth', authMigrations);
    await migrate(database.db, 'meeting', meetingMigrations);
    await migrate(database.db, 'signaling', signalingMigrations);
    await migrate(database.db, 'chat', chatMigrations);

    const dev = await loadDevSecrets(dataDir);
    const livekitKeys = {
      apiKey: config.LIVEKIT_API_KEY ?? dev.livekitApiKey,
      apiSecret: config.LIVEKIT_API_SECRET ?? dev.livekitApiSecret,
    };
    const embeddedLiveKit = !config.LIVEKIT_URL;
    const livekitPort = embeddedLiveKit
      ? config.LIVEKIT_PORT === 0
        ? await freePort('127.0.0.1')
        : config.LIVEKIT_PORT
      : 0;
    const livekitUrl = config.LIVEKIT_URL ?? `ws://127.0.0.1:${livekitPort}`;
    const turn = {
      secret: config.TURN_SECRET ?? dev.turnSecret,
      urls: config.TURN_URLS,
      ttlSeconds: 24 * 3600,
    };
    let livekit: LiveKitProcess | undefined;

    const readiness: ReadinessCheck[] = [...state.readiness];
    readiness.push({
      name: 'livekit',
      check: async () => {
        if (livekit) return livekit.ping();
        const res = await fetch(livekitUrl.replace(/^ws/, 'http'), {
          signal: AbortSignal.timeout(2000),
        });
        if (!res.ok) throw new Error(`LiveKit answered ${res.status}`);
      },
    });

    const metrics = createMetrics();
    const app = createApp({
      service: 'gomeet',
      metrics,
      readiness,
      logLevel: config.LOG_LEVEL,
      trustProxy: config.TRUST_PROXY,
      ...(config.METRICS_PORT !== undefined ? { metricsPort: config.METRICS_PORT } : {}),
    });
    if (dataDirState.tightened) {
      app.log.warn(
        { dataDir, previousMode: dataDirState.previousMode?.toString(8) },
        'GOMEET_DATA_DIR was readable by other users; tightened it to 0700 (files 0600)',
      );
    }
    cleanups.push(() => app.close());
    // Logout revokes the session's access tokens at once (SessionRevocations, over the bus).
    const verifier = createTokenVerifier(remoteJwks(`${origin}/api/auth/.well-known/jwks.json`), {
      revocations: state.revocations,
    });
    const roomService = new RoomServiceClient(
      livekitUrl.replace(/^ws/, 'http'),
      livekitKeys.apiKey,
      livekitKeys.apiSecret,
    );
    const signingKeys = config.JWT_SIGNING_KEYS;

    await app.register(authRoutes, {
      prefix: '/api/auth',
      revocations: state.revocations,
      db: database.db,
      rateLimiter,
      limits: authLimits(config),
      metrics,
      turn,
      ...(signingKeys ? { signingKeys } : {}),
    });
    await app.register(meetingRoutes, {
      prefix: '/api/meetings',
      db: database.db,
      bus,
      live,
      verifier,
      publicUrl,
      turn,
      rateLimiter,
      passcodeLimits: passcodeLimits(config),
      metrics,
      livekit: { url: livekitUrl, ...livekitKeys, roomService },
    });
    await app.register(chatRoutes, {
      prefix: '/api/chat',
      db: database.db,
      bus,
      live,
      verifier,
      rateLimiter,
    });
    await app.register(signalingRoutes, {
      bus,
      live,
      verifier,
      rateLimiter,
      metrics,
      // Only an explicit PUBLIC_URL restricts socket origins: the local default has many names.
      publicUrl: config.PUBLIC_URL,
      revocations: state.revocations,
    });
    await app.register(webhookRoutes, { db: database.db, bus, livekit: livekitKeys });
    await app.register(serveWebApp, {
      dist: config.WEB_DIST ?? path.join(repoRoot, 'apps/web/dist'),
      livekitUrl,
    });

    await app.listen({ host: config.HOST, port });
    if (embeddedLiveKit) {
      livekit = await startLiveKit({
        binary: path.resolve(repoRoot, config.LIVEKIT_BIN),
        dir: path.join(dataDir, 'livekit'),
        port: livekitPort,
        ...(config.LIVEKIT_PORT === 0
          ? { udpPort: await freePort('127.0.0.1'), tcpPort: await freePort('127.0.0.1') }
          : { udpPort: livekitPort + 2, tcpPort: livekitPort + 1 }),
        ...livekitKeys,
        webhookUrl: `${origin}/livekit/webhook`,
        redisUrl: config.REDIS_URL,
        log: app.log,
      });
      const lk = livekit;
      cleanups.push(() => lk.stop());
    }

    const apart = metricsAddress(app);
    const metricsUrl = apart
      ? `http://${selfHost(apart.address)}:${apart.port}/metrics`
      : `${origin}/metrics`;
    return {
      url: publicUrl,
      livekitUrl,
      metricsUrl,
      livekitPid: () => livekit?.pid(),
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
