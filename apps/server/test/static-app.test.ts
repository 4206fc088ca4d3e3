import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStaticApp, defaultWebDist } from '../src/static-app.js';
import type { App } from '@gomeet/platform';

describe('the frontend static server', () => {
  let dist: string;
  let app: App;

  beforeAll(async () => {
    dist = mkdtempSync(path.join(tmpdir(), 'gomeet-static-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>GoMeet</title>');
    writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
    app = await buildStaticApp({
      dist,
      logLevel: false,
      livekitUrl: 'wss://livekit.example.test',
    });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at / and for deep links, and assets by path', async () => {
    for (const url of ['/', '/m/abc-defg-hij']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<title>GoMeet</title>');
    }
    const asset = await app.inject({ url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe('console.log(1)');
  });

  it('answers 404 for API paths and missing files instead of the app', async () => {
    expect((await app.inject({ url: '/api/auth/me' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/ws' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/assets/gone.js' })).statusCode).toBe(404);
  });

  it('caches hashed assets for a year and revalidates index.html', async () => {
    for (const url of ['/', '/m/abc-defg-hij']) {
      expect((await app.inject({ url })).headers['cache-control'], url).toBe('no-cache');
    }
    const asset = await app.inject({ url: '/assets/index-abc123.js' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends the web app with a strict CSP that lets it reach LiveKit and nothing else', async () => {
    for (const url of ['/', '/m/abc-defg-hij', '/assets/index-abc123.js']) {
      const csp = (await app.inject({ url })).headers['content-security-policy'];
      expect(csp, url).toContain("script-src 'self' 'wasm-unsafe-eval';");
      expect(csp, url).toContain(
        "connect-src 'self' wss://livekit.example.test https://livekit.example.test;",
      );
      expect(csp, url).toContain("object-src 'none'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("base-uri 'none'");
    }
  });

  it('sends the web app the headers a rendered document uses, and every response the common ones', async () => {
    const page = await app.inject({ url: '/m/abc-defg-hij' });
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['strict-transport-security']).toContain('max-age=');
    const probe = await app.inject({ url: '/healthz' });
    expect(probe.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(probe.headers['referrer-policy']).toBeUndefined();
  });

  it('answers the probes and exposes request metrics', async () => {
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
    const metrics = await app.inject({ url: '/metrics' });
    expect(metrics.body).toContain('http_requests_total');
  });

  it('refuses to start without a built web app', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'gomeet-static-empty-'));
    try {
      await expect(buildStaticApp({ dist: empty, logLevel: false })).rejects.toThrow(/not built/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('looks for the web app where the web build puts it', () => {
    expect(defaultWebDist()).toBe(fileURLToPath(new URL('../../web/dist', import.meta.url)));
  });
});
