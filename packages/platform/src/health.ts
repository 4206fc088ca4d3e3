import type { FastifyInstance } from 'fastify';
import type { Gauge } from 'prom-client';
import { withTimeout } from './timeout.js';

/** One dependency readiness depends on; `check` rejects when it is unreachable. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<unknown>;
}

/** Where /readyz records each check's outcome: `gomeet_dependency_up{service, dependency}`. */
export interface ReadinessRecorder {
  gauge: Gauge<'service' | 'dependency'>;
  service: string;
}

/**
 * `/healthz`: the process is alive. `/readyz`: every dependency answers; otherwise 503 with
 * the failing ones named (without their error details, which may carry hostnames). With a
 * recorder, each check's outcome is also exported as a metric (DatabaseDown alerts on it).
 */
export function registerHealthRoutes(
  app: FastifyInstance,
  checks: ReadinessCheck[],
  recorder?: ReadinessRecorder,
): void {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
    const results = await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          await withTimeout(check(), 2_000, name);
          return { name, ok: true };
        } catch (err) {
          request.log.warn({ dependency: name, err }, 'readiness check failed');
          return { name, ok: false };
        }
      }),
    );
    if (recorder)
      for (const { name, ok } of results)
        recorder.gauge.set({ service: recorder.service, dependency: name }, ok ? 1 : 0);
    const failing = results.filter((r) => !r.ok).map((r) => r.name);
    const body = {
      status: failing.length === 0 ? 'ready' : 'unavailable',
      checks: Object.fromEntries(results.map((r) => [r.name, r.ok ? 'ok' : 'failing'])),
      ...(failing.length ? { failing } : {}),
    };
    return reply.status(failing.length === 0 ? 200 : 503).send(body);
  });
}
