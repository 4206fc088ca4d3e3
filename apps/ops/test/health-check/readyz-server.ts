import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import pg from 'pg';

/**
 * The test's own stand-in for the all-in-one server's /readyz (the lead's server replaces it):
 * it really asks PostgreSQL and Redis, and answers 200/503 with the same JSON shape.
 */
export async function startReadyzServer(
  databaseUrl: string,
  redisUrl: string,
): Promise<{ url: string; close: () => Promise<void> }> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 2,
    connectionTimeoutMillis: 1000,
  });
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => 200,
  });
  redis.on('error', () => undefined);
  await redis.connect();
  const probe = async (work: () => Promise<unknown>) => {
    try {
      await work();
      return 'ok';
    } catch {
      return 'failing';
    }
  };
  const server: Server = createServer((req, res) => {
    if (req.url !== '/readyz') {
      res.writeHead(404).end();
      return;
    }
    void (async () => {
      const checks = {
        database: await probe(() => pool.query('SELECT 1')),
        redis: await probe(() => redis.ping()),
      };
      const failing = Object.entries(checks)
        .filter(([, v]) => v !== 'ok')
        .map(([k]) => k);
      res.writeHead(failing.length ? 503 : 200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          status: failing.length ? 'failing' : 'ok',
          checks,
          ...(failing.length ? { failing } : {}),
        }),
      );
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise((r) => server.close(r));
      redis.disconnect();
      await pool.end();
    },
  };
}
