import { runMigrationsMain } from '@gomeet/platform';
import { chatMigrations } from './migrations.js';

/** Migrate-only entry point (`node services/chat/dist/migrate.js`), run by master-deploy as a Job. */
runMigrationsMain('chat', chatMigrations);
