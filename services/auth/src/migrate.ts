import { runMigrationsMain } from '@gomeet/platform';
import { authMigrations } from './migrations.js';

/** Migrate-only entry point (`node services/auth/dist/migrate.js`), run by master-deploy as a Job. */
runMigrationsMain('auth', authMigrations);
