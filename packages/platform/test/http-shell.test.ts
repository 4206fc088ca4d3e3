import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, createApp, createMetrics } from '../src/index.js';

function buildTestApp(readyDb = true) {
  const app = createApp({
    service: 'test',
    metrics: createMetrics(),
    logLevel: false,
    readiness: [
      {
        name: 'database',
        check: () => (readyDb ? Promise.resolve() : Promise.reject(new Error('down'))),
      },
    ],
  });
  void app.register(async (r) => {
    r.post(
      '/things',
      {
        schema: {
          body: z.object({ name: z.string().min(1), size: z.number().int() }),
          response: { 201: z.object({ id: z.string() }) },
        },
      },
      async (_req, reply) => reply.status(201).send({ id: 't1' }),
    );
    r.get('/forbidden', async () => {
      throw new AppError('FORBIDDEN', 'Only hosts may do that.', { type: 'not-host' });
    });
    r.get('/limited', async () => {
      throw new AppError('RATE_LIMITED', 'Slow down.', { retryAfter: 7 });
    });
    r.get('/boom', async () => {
      throw new Error('connection to db-internal.example:5432 refused');
    });
  });
  return app;
}

describe('the shared HTTP shell', () => {
  it('answers validation errors with 400 problem+json naming each field', async () => {
    const app = buildTestApp();
    const res = await app.inject({
      method: 'POST',
      url: '/things',
      payload: { name: '', size: 'big' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json<{ type: string; errors: { field: string }[]; requestId: string }>();
    expect(body.type).toMatch(/\/validation$/);
    expect(body.errors.map((e) => e.field).sort()).toEqual(['body.name', 'body.size']);
    expect(body.requestId).toBe(res.headers['x-request-id']);
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const app = buildTestApp();
    const res = await app.inject({
      method: 'POST',
      url: '/things',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('maps AppError codes to statuses, with Retry-After on 429', async () => {
    const app = buildTestApp();
    const forbidden = await app.inject('/forbidden');
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ status: 403, detail: 'Only hosts may do that.' });
    expect(forbidden.json<{ type: string }>().type).toMatch(/\/not-host$/);
    const limited = await app.inject('/limited');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('7');
  });

  it('never leaks internals in a 500', async () => {
    const app = buildTestApp();
    const res = await app.inject('/boom');
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('db-internal');
    expect(res.json()).toMatchObject({ status: 500, detail: 'Something went wrong on our side.' });
  });

  it('answers 400, not 500, when the database refuses text it cannot store (a NUL)', async () => {
    const db = new PGlite();
    await db.query('create table notes (body text)');
    const app = buildTestApp();
    app.post('/notes', async (request) => {
      await db.query('insert into notes values ($1)', [(request.body as { body: string }).body]);
      return { ok: true };
    });
    const res = await app.inject({ method: 'POST', url: '/notes', payload: { body: 'a\u0000b' } });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ type: string }>().type).toMatch(/\/unstorable-text$/);
    await db.close();
  });

  it('sends the security headers on every response', async () => {
    const res = await buildTestApp().inject('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toContain('max-age=');
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(res.headers['x-powered-by']).toBeUndefined();
    // A JSON answer is never rendered: the document-only headers stay with the web app.
    expect(res.headers['cross-origin-opener-policy']).toBeUndefined();
  });

  it('answers unknown routes with 404 problem+json', async () => {
    const res = await buildTestApp().inject('/nope');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('reports readiness per dependency and 503 naming the failing one', async () => {
    expect((await buildTestApp(true).inject('/readyz')).statusCode).toBe(200);
    const res = await buildTestApp(false).inject('/readyz');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({
      status: 'unavailable',
      failing: ['database'],
      checks: { database: 'failing' },
    });
    expect((await buildTestApp(false).inject('/healthz')).statusCode).toBe(200);
  });

  it('counts requests by route template in /metrics', async () => {
    const app = buildTestApp();
    await app.inject('/forbidden');
    const metrics = await app.inject('/metrics');
    expect(metrics.body).toContain(
      'http_requests_total{service="test",method="GET",route="/forbidden",status="403"} 1',
    );
    expect(metrics.body).toContain('http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('process_cpu_user_seconds_total');
  });

  it('serves the OpenAPI document with the registered routes', async () => {
    const app = buildTestApp();
    const res = await app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/things');
  });
});
