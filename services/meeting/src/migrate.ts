import { runMigrationsMain } from '@gomeet/platform';
import { meetingMigrations } from './migrations.js';

/** Migrate-only entry point (`node services/meeting/dist/migrate.js`), run by master-deploy as a Job. */
runMigrationsMain('meeting', meetingMigrations);
