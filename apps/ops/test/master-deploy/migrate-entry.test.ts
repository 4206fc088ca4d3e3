import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createEmptyDatabase } from '@gomeet/testing';
import pg from 'pg';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { MIGRATING_SERVICES } from '../../src/commands/master-deploy/migration-jobs.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const exec = promisify(execFile);
const postgresUrl = inject('postgresUrl');

describe.skipIf(!postgresUrl)(
  'the migration Jobs’ command: node services/<x>/dist/migrate.js against real PostgreSQL',
  () => {
    beforeAll(async () => {
      // The Job runs the built entry points, as the image has them.
      await exec(
        'npx',
        ['tsc', '-b', ...Object.values(MIGRATING_SERVICES).map((f) => `services/${f}`)],
        {
          cwd: root,
          timeout: 180_000,
        },
      );
    }, 200_000);

    it('migrates each service’s tables, exits 0, and is safe to run twice', async () => {
      const url = await createEmptyDatabase(postgresUrl ?? '');
      for (const folder of Object.values(MIGRATING_SERVICES)) {
        for (let i = 0; i < 2; i++) {
          const r = await exec('node', [`services/${folder}/dist/migrate.js`], {
            cwd: root,
            env: { PATH: process.env.PATH, DATABASE_URL: url },
          });
          expect(r.stdout).toBe(`${folder} migrations are up to date\n`);
        }
      }
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const tables = await client.query<{ table_name: string }>(
        "select table_name from information_schema.tables where table_name like '%\\_migrations'",
      );
      await client.end();
      expect(tables.rows.map((r) => r.table_name).sort()).toEqual([
        'auth_migrations',
        'chat_migrations',
        'meeting_migrations',
        'signaling_migrations',
      ]);
    }, 60_000);

    it('without DATABASE_URL names the variable and exits 1', async () => {
      const error = (await exec('node', ['services/auth/dist/migrate.js'], {
        cwd: root,
        env: { PATH: process.env.PATH },
      }).catch((e: unknown) => e)) as { code: number; stderr: string };
      expect(error.code).toBe(1);
      expect(error.stderr).toContain('DATABASE_URL');
    });
  },
);
