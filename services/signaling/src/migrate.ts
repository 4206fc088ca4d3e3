import { runMigrationsMain } from '@gomeet/platform';
import { signalingMigrations } from './migrations.js';

/** Migrate-only entry point (`node services/signaling/dist/migrate.js`), run by master-deploy as a Job. */
runMigrationsMain('signaling', signalingMigrations);
