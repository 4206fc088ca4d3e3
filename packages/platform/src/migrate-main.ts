import type { Migration } from 'kysely';
import { z } from 'zod';
import { baseEnv, parseConfig } from './config.js';
import { migrate, openDatabase } from './db.js';
import { runMain } from './shutdown.js';

/**
 * The body of a service's migrate-only entry point (`node services/<name>/dist/migrate.js`):
 * runs `migrations` against DATABASE_URL, then exits. master-deploy runs it as a Kubernetes Job
 * before the new pods start; each server still migrates at start-up (both are idempotent).
 */
export function runMigrationsMain(service: string, migrations: Record<string, Migration>): void {
  runMain(async () => {
    const config = parseConfig(
      z.object({ DATABASE_URL: baseEnv.DATABASE_URL.unwrap() }),
      process.env,
    );
    const database = await openDatabase({ url: config.DATABASE_URL, maxConnections: 1 });
    try {
      await migrate(database.db, service, migrations);
    } finally {
      await database.close();
    }
    console.log(`${service} migrations are up to date`);
  });
}
