import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { installErrorHandling } from './errors.js';
import { registerHealthRoutes, type ReadinessCheck } from './health.js';
import { loggerOptions } from './logger.js';
import { openApiTransform } from './openapi.js';
import { SECURITY_HEADERS } from './security-headers.js';
import { createMetrics, recordHttpMetrics, serveMetricsApart, type Metrics } from './metrics.js';

/** A Fastify instance whose route schemas are zod schemas. */
export type App = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** The shell options a service's standalone `buildApp` accepts next to its own dependencies. */
export interface ShellOptions {
  /** The process's metrics registry; a new one by default. */
  metrics?: Metrics;
  /** Dependencies `/readyz` checks. */
  readiness?: ReadinessCheck[];
  /** Log level, or false for no logs (tests, benchmarks). */
  logLevel?: string | false;
  /**
   * Which proxies may set X-Forwarded-For (TRUST_PROXY): false trusts none (the default, so a
   * client cannot forge its address), a hop count, or the proxies' addresses/CIDRs.
   */
  trustProxy?: false | number | string[];
  /**
   * Serve `/metrics` on this port (METRICS_PORT), on the same address as the app, instead of
   * on the app's own port; 0 picks a free one. Unset: `/metrics` is one of the app's routes.
   */
  metricsPort?: number;
}

/** What every GoMeet HTTP app is built from. */
export interface AppOptions extends ShellOptions {
  /** Service name for logs and metrics ("auth", "meeting", or "gomeet" for the all-in-one). */
  service: string;
  /** A logger to reuse instead of creating one. */
  logger?: FastifyBaseLogger;
  bodyLimit?: number;
}

/**
 * Creates the shared HTTP shell: request ids, JSON logs with secrets redacted, problem+json
 * errors, zod validation, OpenAPI at /api/openapi.json, /metrics, /healthz and /readyz.
 * Services register their routes as plugins on the returned app.
 */
export function createApp(options: AppOptions): App {
  const metrics = options.metrics ?? createMetrics();
  const app = Fastify({
    ...(options.logger
      ? { loggerInstance: options.logger }
      : {
          logger:
            options.logLevel === false
              ? false
              : loggerOptions(options.service, options.logLevel ?? 'info'),
        }),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    trustProxy: fastifyTrustProxy(options.trustProxy),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  // The request id and the security headers (the web app sets its own CSP: it must reach
  // LiveKit's WebSocket; the API needs none), in one hook on arrival: headers set there stay
  // on error answers too. An async onSend hook for the id cost every response a promise.
  app.addHook('onRequest', (request, reply, done) => {
    void reply.headers(SECURITY_HEADERS).header('x-request-id', request.id);
    done();
  });
  void app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'GoMeet API',
        version: '0.1.0',
        description: 'Every GoMeet service, as routed by the gateway.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    },
    transform: openApiTransform,
  });
  recordHttpMetrics(app, metrics, options.service);
  void app.register(async (root) => {
    registerHealthRoutes(root, options.readiness ?? [], {
      gauge: metrics.dependencyUp,
      service: options.service,
    });
    if (options.metricsPort === undefined) {
      root.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
        const body = await metrics.registry.metrics();
        return reply.type(metrics.registry.contentType).send(body);
      });
    }
    root.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  });
  if (options.metricsPort !== undefined) serveMetricsApart(app, metrics, options.metricsPort);
  return app;
}

/** Fastify's form of TRUST_PROXY: a hop count becomes "trust the nearest n hops". */
function fastifyTrustProxy(
  trust: AppOptions['trustProxy'],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return trust ?? false;
}
