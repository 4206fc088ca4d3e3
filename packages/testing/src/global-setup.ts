import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startPostgres, startRedis, type StartedServer } from './servers.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
    redisUrl: string | null;
  }
}

/**
 * Starts one PostgreSQL and one Redis for the integration suite (or uses TEST_DATABASE_URL /
 * TEST_REDIS_URL). Outside CI a missing server makes its tests skip; with CI=true it fails.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const ci = process.env.CI === 'true' || process.env.CI === '1';
  const started: StartedServer[] = [];
  const attempt = async (
    name: string,
    given: string | undefined,
    start: () => Promise<StartedServer>,
  ) => {
    if (given) return given;
    try {
      const s = await start();
      started.push(s);
      return s.url;
    } catch (error) {
      if (ci) throw new Error(`${name} is required in CI: ${(error as Error).message}`);
      console.warn(
        `[test] ${name} unavailable, its tests will be skipped: ${(error as Error).message}`,
      );
      return null;
    }
  };
  project.provide(
    'postgresUrl',
    await attempt('PostgreSQL', process.env.TEST_DATABASE_URL, startPostgres),
  );
  project.provide(
    'redisUrl',
    await attempt('Redis', process.env.TEST_REDIS_URL, () => startRedis()),
  );
  return async () => {
    await Promise.all(started.map((s) => s.stop()));
  };
}
