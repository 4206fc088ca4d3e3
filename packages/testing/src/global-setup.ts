// The provided values' types (ProvidedContext) are declared beside describeBackends.
import type {} from './describe-backends.js';
import type { TestProject } from 'vitest/node';
import { startPostgres, startRedis, type StartedServer } from './servers.js';

/**
 * Starts one PostgreSQL and one Redis for the integration suite (or uses TEST_DATABASE_URL /
 * TEST_REDIS_URL). Outside CI a missing server makes its tests skip — reported as skipped,
 * with the reason in their suite's name (`describeBackends`, `describe.skipIf`); with CI=true
 * it fails the run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const ci = process.env.CI === 'true' || process.env.CI === '1';
  const started: StartedServer[] = [];
  const unavailable: { postgres?: string; redis?: string } = {};
  const attempt = async (
    key: 'postgres' | 'redis',
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
      const why = (error as Error).message.split('\n')[0] ?? '';
      unavailable[key] = `${name} unavailable: ${why}`;
      console.warn(
        `[test] ${name} unavailable, its tests are reported as skipped (CI=true makes this an error): ${why}`,
      );
      return null;
    }
  };
  project.provide(
    'postgresUrl',
    await attempt('postgres', 'PostgreSQL', process.env.TEST_DATABASE_URL, startPostgres),
  );
  project.provide(
    'redisUrl',
    await attempt('redis', 'Redis', process.env.TEST_REDIS_URL, () => startRedis()),
  );
  project.provide('unavailable', unavailable);
  return async () => {
    await Promise.all(started.map((s) => s.stop()));
  };
}
