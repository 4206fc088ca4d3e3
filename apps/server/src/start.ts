import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  authLimits,
  authMail,
  authOidc,
  authMigrations,
  authRoutes,
  type MailDelivery,
} from '@gomeet/auth';
import { chatLimits, chatMigrations, chatRoutes } from '@gomeet/chat';
import {
  meetingMigrations,
  meetingRoutes,
  connectivityRoutes,
  passcodeLimits,
  recordingFileRoutes,
  wasMemberOfEndedMeeting,
} from '@gomeet/meeting';
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
import {
  isLoopback,
  livekitBindAddress,
  livekitClientUrl,
  livekitNodeIp,
} from './media-address.js';
import { planRecording, type RecordingSummary } from './recording.js';
import { startTlsFront } from './tls-front.js';
import {
  findTurnServer,
  startTurnServer,
  type TurnProcess,
  type TurnProcessOptions,
} from './turn-process.js';
import { serveWebApp } from './web-app.js';
import type { ServerConfig } from './config.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** A running GoMeet: every service on one port, plus LiveKit unless LIVEKIT_URL points elsewhere. */
export interface RunningGoMeet {
  url: string;
  /** LiveKit's URL as this server reaches it (the browser's comes with each join answer). */
  livekitUrl: string;
  /** What another machine needs: the address media is advertised on and the ports to open. */
  media: MediaSummary;
  /** Where `/metrics` is served when METRICS_PORT is set (else it is `${url}/metrics`). */
  metricsUrl: string;
  /** Whether the in-process recorder runs, and if not, why. */
  recording: RecordingSummary;
  /** Where account mail goes: SMTP_URL, or .eml files in a folder. */
  mail: MailDelivery;
  /** The PID of the embedded LiveKit now running (undefined with LIVEKIT_URL); for tests. */
  livekitPid(): number | undefined;
  close(): Promise<void>;
}

/** Where media flows, for the start-up banner and tests. */
export interface MediaSummary {
  tls: boolean;
  /** The address LiveKit (and coturn) advertise; undefined with an external LIVEKIT_URL. */
  nodeIp: string | undefined;
  livekit?: { port: number; udpPort: number; tcpPort: number } | undefined;
  turn?:
    { port: number; relayPorts: [number, number]; urls: string[]; logFile: string } | undefined;
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
  const tls =
    config.TLS_CERT && config.TLS_KEY
      ? { cert: await readFile(config.TLS_CERT), key: await readFile(config.TLS_KEY) }
      : undefined;
  // With TLS the app itself listens on a loopback port in plain HTTP (for LiveKit's webhooks and
  // our own JWKS fetches, which would not trust a self-signed certificate) behind an HTTPS front.
  const appPort = tls ? await freePort('127.0.0.1') : port;
  const origin = tls ? `http://127.0.0.1:${appPort}` : `http://${selfHost(config.HOST)}:${port}`;
  const bindAddress = livekitBindAddress(config.HOST);
  const nodeIp = livekitNodeIp(config.HOST, config.LIVEKIT_NODE_IP);
  const publicHost = isLoopback(config.HOST) ? 'localhost' : nodeIp;
  const publicUrl = (
    config.PUBLIC_URL ?? `${tls ? 'https' : 'http'}://${publicHost}:${port}`
  ).replace(/\/$/, '');
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
        ? await freePort(selfHost(bindAddress))
        : config.LIVEKIT_PORT
      : 0;
    const livekitUrl = config.LIVEKIT_URL ?? `ws://${selfHost(bindAddress)}:${livekitPort}`;
    const clientUrlOptions = {
      livekitPublicUrl: config.LIVEKIT_PUBLIC_URL ?? config.LIVEKIT_URL,
      publicUrl: config.PUBLIC_URL,
      livekitPort,
      nodeIp,
      tls: tls !== undefined,
    };
    // The browser's LiveKit URL follows the host it reached GoMeet at (see livekitClientUrl).
    const clientLivekitUrl = (requestHost?: string) =>
      livekitClientUrl(clientUrlOptions, requestHost);
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
    cleanups.push(async () => {
      // Closing closes the idle keep-alive connections once; one busy then would stay open after
      // its answer until the client's keep-alive ran out (72 s): close each as it goes idle.
      const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
      try {
        await app.close();
      } finally {
        clearInterval(sweep);
      }
    });
    const turnSecret = config.TURN_SECRET ?? dev.turnSecret;
    const coturn = await startEmbeddedTurn(config, {
      dir: path.join(dataDir, 'coturn'),
      listenAddress: bindAddress,
      relayAddress: nodeIp,
      secret: turnSecret,
      log: app.log,
    });
    if (coturn) cleanups.push(() => coturn.stop());
    const turn = {
      secret: turnSecret,
      urls: config.TURN_URLS ?? coturn?.urls ?? ['turn:localhost:3478?transport=udp'],
      ttlSeconds: config.TURN_TTL_SECONDS,
    };
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
    const recording = await planRecording({
      config,
      dataDir,
      nodeIp: embeddedLiveKit ? nodeIp : undefined,
      ...livekitKeys,
    });

    const mail = authMail(config, { dataDir, appUrl: publicUrl });
    await app.register(authRoutes, {
      prefix: '/api/auth',
      mail,
      revocations: state.revocations,
      db: database.db,
      rateLimiter,
      limits: authLimits(config),
      oidc: authOidc(config, publicUrl),
      adminEmails: config.ADMIN_EMAILS,
      metrics,
      turn,
      ...(signingKeys ? { signingKeys } : {}),
    });
    // A variable, not a literal: `clientUrlFor` is optional in the meeting service's deps.
    const meetingLivekit = {
      url: clientLivekitUrl(),
      clientUrlFor: clientLivekitUrl,
      ...livekitKeys,
      roomService,
    };
    const meetingDeps = {
      db: database.db,
      bus,
      live,
      verifier,
      publicUrl,
      turn,
      rateLimiter,
      passcodeLimits: passcodeLimits(config),
      metrics,
      livekit: meetingLivekit,
      recordings: recording.deps,
      // Invitations go the way account mail goes: SMTP_URL, else the data folder's mail/.
      mailer: mail.mailer,
    };
    await app.register(meetingRoutes, { prefix: '/api/meetings', ...meetingDeps });
    // Signed download links carry their own permission: served outside the token-checking plugin.
    await app.register(recordingFileRoutes, { prefix: '/api/meetings', ...meetingDeps });
    await app.register(connectivityRoutes, { prefix: '/api/meetings', ...meetingDeps });
    await app.register(chatRoutes, {
      prefix: '/api/chat',
      db: database.db,
      bus,
      live,
      verifier,
      rateLimiter,
      messageRate: chatLimits(config),
      pastMembers: (code, identity) => wasMemberOfEndedMeeting(database.db, code, identity),
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
      livekitUrl: clientLivekitUrl,
    });

    await app.listen(tls ? { host: '127.0.0.1', port: appPort } : { host: config.HOST, port });
    const mediaPorts =
      config.LIVEKIT_PORT === 0
        ? {
            udpPort: await freePort(selfHost(bindAddress)),
            tcpPort: await freePort(selfHost(bindAddress)),
          }
        : { udpPort: livekitPort + 2, tcpPort: livekitPort + 1 };
    if (embeddedLiveKit) {
      livekit = await startLiveKit({
        binary: path.resolve(repoRoot, config.LIVEKIT_BIN),
        dir: path.join(dataDir, 'livekit'),
        port: livekitPort,
        bindAddress,
        nodeIp,
        ...mediaPorts,
        ...livekitKeys,
        webhookUrl: `${origin}/livekit/webhook`,
        redisUrl: config.REDIS_URL,
        log: app.log,
      });
      const lk = livekit;
      cleanups.push(() => lk.stop());
    }
    // The recorder joins rooms like a participant, so it starts once LiveKit runs.
    const stopRecorder = await recording.start({ bus, livekitUrl, log: app.log });
    cleanups.push(stopRecorder);
    if (tls) {
      const front = await startTlsFront({
        app,
        host: config.HOST,
        port,
        ...tls,
        livekitHttpUrl: embeddedLiveKit ? livekitUrl.replace(/^ws/, 'http') : undefined,
      });
      cleanups.push(() => front.close());
    }
    const media: MediaSummary = {
      tls: tls !== undefined,
      nodeIp: embeddedLiveKit ? nodeIp : undefined,
      livekit: embeddedLiveKit ? { port: livekitPort, ...mediaPorts } : undefined,
      turn: coturn && {
        port: config.TURN_PORT,
        relayPorts: config.TURN_RELAY_PORTS,
        urls: coturn.urls,
        logFile: coturn.logFile,
      },
    };

    const apart = metricsAddress(app);
    const metricsUrl = apart
      ? `http://${selfHost(apart.address)}:${apart.port}/metrics`
      : `${origin}/metrics`;
    return {
      url: publicUrl,
      livekitUrl,
      media,
      metricsUrl,
      recording: recording.summary,
      mail: mail.mailer.delivery,
      livekitPid: () => livekit?.pid(),
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/**
 * Starts coturn when it is installed (TURN_BIN, `turnserver` on PATH by default; `off` to
 * skip) and TURN_URLS does not point elsewhere; undefined when it is not started.
 */
async function startEmbeddedTurn(
  config: ServerConfig,
  o: Pick<TurnProcessOptions, 'dir' | 'listenAddress' | 'relayAddress' | 'secret' | 'log'>,
): Promise<TurnProcess | undefined> {
  if (config.TURN_URLS || config.TURN_BIN === 'off') return undefined;
  const binary = findTurnServer(config.TURN_BIN);
  if (!binary) return undefined;
  try {
    return await startTurnServer({
      ...o,
      binary,
      port: config.TURN_PORT === 0 ? await freePort(selfHost(o.listenAddress)) : config.TURN_PORT,
      relayPorts: config.TURN_RELAY_PORTS,
    });
  } catch (error) {
    // TURN only helps people behind strict firewalls: run without it rather than not at all.
    o.log.warn({ err: error }, 'coturn could not start; continuing without TURN');
    return undefined;
  }
}
