import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createApp,
  createMetrics,
  metricsAddress,
  openDatabase,
  secureDataDir,
} from '../src/index.js';

const modeOf = async (p: string) => (await stat(p)).mode & 0o777;
const temps: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gomeet-data-'));
  temps.push(dir);
  return dir;
}
afterEach(async () => {
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('the data directory', () => {
  it('is created 0700', async () => {
    const dir = path.join(await tempDir(), 'fresh', '.data');
    expect(await secureDataDir(dir)).toEqual({ tightened: false });
    expect(await modeOf(dir)).toBe(0o700);
  });

  it('tightens an existing world-readable one to 0700 with files 0600, and says so', async () => {
    const dir = path.join(await tempDir(), '.data');
    await mkdir(path.join(dir, 'pglite', 'base'), { recursive: true });
    await writeFile(path.join(dir, 'pglite', 'base', 'wal'), 'signing key in here');
    await chmod(path.join(dir, 'pglite', 'base', 'wal'), 0o666);
    await chmod(path.join(dir, 'pglite', 'base'), 0o755);
    await chmod(dir, 0o755);
    expect(await secureDataDir(dir)).toEqual({ tightened: true, previousMode: 0o755 });
    expect(await modeOf(dir)).toBe(0o700);
    expect(await modeOf(path.join(dir, 'pglite', 'base'))).toBe(0o700);
    expect(await modeOf(path.join(dir, 'pglite', 'base', 'wal'))).toBe(0o600);
    // A second start finds nothing to tighten.
    expect((await secureDataDir(dir)).tightened).toBe(false);
  });

  it('holds the embedded database in files nobody else can read', async () => {
    const dir = path.join(await tempDir(), '.data');
    const database = await openDatabase({ dataDir: dir });
    try {
      await database.ping();
      expect(await modeOf(dir)).toBe(0o700);
      expect(await modeOf(path.join(dir, 'pglite'))).toBe(0o700);
      expect(await modeOf(path.join(dir, 'pglite', 'PG_VERSION'))).toBe(0o600);
    } finally {
      await database.close();
    }
  });
});

describe('metrics on their own port (METRICS_PORT)', () => {
  it('serves /metrics apart from the app, whose port answers 404 for it; OpenAPI stays public', async () => {
    const app = createApp({
      service: 'test',
      metrics: createMetrics(),
      logLevel: false,
      metricsPort: 0,
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/api/openapi.json' })).statusCode).toBe(200);
      const apart = metricsAddress(app)!;
      const res = await fetch(`http://127.0.0.1:${apart.port}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('http_requests_total');
      expect((await fetch(`http://127.0.0.1:${apart.port}/api/openapi.json`)).status).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('keeps /metrics on the app without METRICS_PORT (development)', async () => {
    const app = createApp({ service: 'test', metrics: createMetrics(), logLevel: false });
    try {
      expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
