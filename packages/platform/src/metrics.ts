import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The process-wide metrics: one registry, fixed label sets, the runbook's names. */
export interface Metrics {
  registry: Registry;
  httpRequestsTotal: Counter<'service' | 'method' | 'route' | 'status'>;
  httpRequestDuration: Histogram<'service' | 'method' | 'route' | 'status'>;
}

/** Creates the registry with process metrics and the HTTP request metrics. Call once per process. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ['service', 'method', 'route', 'status'] as const;
  return {
    registry,
    httpRequestsTotal: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests served, by service, method, route template and status.',
      labelNames,
      registers: [registry],
    }),
    httpRequestDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration in seconds.',
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  };
}

/**
 * Records every response of `app`'s encapsulation context under `service`. The route label is
 * the route template ("/api/meetings/:code"), never the raw URL, so cardinality stays bounded.
 */
export function recordHttpMetrics(app: FastifyInstance, metrics: Metrics, service: string): void {
  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      service,
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: String(reply.statusCode),
    };
    metrics.httpRequestsTotal.inc(labels);
    metrics.httpRequestDuration.observe(labels, reply.elapsedTime / 1000);
  });
}
