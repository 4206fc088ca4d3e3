import { baseEnv, migrate, openDatabase, parseConfig, runMain } from '@gomeet/platform';
import { z } from 'zod';
import { signalingMigrations } from './migrations.js';

/**
 * Migrate-only entry point (`node services/signaling/dist/migrate.js`): runs this service's
 * migrations against DATABASE_URL, then exits. master-deploy runs it as a Kubernetes Job before
 * the new pods start; server.ts still migrates at start-up (both are idempotent).
 */
runMain(async () => {
  const config = parseConfig(
    z.object({ DATABASE_URL: baseEnv.DATABASE_URL.unwrap() }),
    process.env,
  );
  const database = await openDatabase({ url: config.DATABASE_URL, maxConnections: 1 });
  try {
    await migrate(database.db, 'signaling', signalingMigrations);
  } finally {
    await database.close();
  }
  console.log('signaling migrations are up to date');
});
