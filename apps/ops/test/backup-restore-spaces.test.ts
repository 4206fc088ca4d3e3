import path from 'node:path';
import {
  createEmptyDatabase,
  seaweedfsBinary,
  startS3Server,
  type S3Server,
} from '@gomeet/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from './harness/run-cli.js';
import {
  newKey,
  seedDatabase,
  tableDigests,
  tempDir,
  wipeDatabase,
} from './backup-restore/fixtures.js';

const postgresUrl = inject('postgresUrl');
const weed = seaweedfsBinary();
if ('missing' in weed && process.env.CI === 'true')
  throw new Error(`the Spaces tests need SeaweedFS: ${weed.missing}`);

describe.skipIf(!postgresUrl || 'missing' in weed)(
  'backup-restore with Spaces (SeaweedFS on loopback)',
  () => {
    let server: S3Server;
    const spacesEnv = () => ({
      SPACES_ENDPOINT: server.endpoint,
      SPACES_KEY: server.accessKeyId,
      SPACES_SECRET: server.secretAccessKey,
    });
    beforeAll(async () => {
      server = await startS3Server({ buckets: ['gomeet-backups', 'gomeet-cleanup-test'] });
    }, 90_000);
    afterAll(async () => {
      await server?.stop();
    });

    it('uploads under backups/YYYY/MM/DD/, lists it, and restores latest-backup.tar.gz', async () => {
      const databaseUrl = await createEmptyDatabase(postgresUrl!);
      await seedDatabase(databaseUrl);
      const before = await tableDigests(databaseUrl);
      const cwd = tempDir();
      const env = {
        PATH: process.env.PATH,
        DATABASE_URL: databaseUrl,
        BACKUP_ENCRYPTION_KEY: newKey(),
        ...spacesEnv(),
      };
      const cli = (argv: string[], now = '2023-10-25T12:00:00Z') =>
        runCli(['--target', 'local', '--format', 'json', 'backup-restore', ...argv], {
          cwd,
          env,
          now: () => new Date(now),
        });

      const older = await cli(['backup'], '2023-10-24T12:00:00Z');
      expect(older.code, older.stderr).toBe(0);
      const made = await cli(['backup']);
      expect(made.code, made.stderr).toBe(0);
      expect(made.json()).toMatchObject({
        location: 'spaces',
        path: 'backups/2023/10/25/backup-20231025-120000.tar.gz',
      });

      const list = await cli(['list'], '2023-10-26T12:00:00Z');
      const listed = list.json<{ backups: { name: string; location: string }[] }>().backups;
      expect(listed.map((b) => `${b.location}:${b.name}`)).toEqual([
        'spaces:backup-20231025-120000.tar.gz',
        'spaces:backup-20231024-120000.tar.gz',
      ]);

      await wipeDatabase(databaseUrl);
      const restored = await cli(['restore-spaces', 'latest-backup.tar.gz']);
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.json()).toMatchObject({
        name: 'backup-20231025-120000.tar.gz',
        from: 'spaces',
        verified: true,
      });
      expect(await tableDigests(databaseUrl)).toEqual(before);

      const byKey = await cli([
        '--dry-run',
        'restore-spaces',
        'backups/2023/10/24/backup-20231024-120000.tar.gz',
      ]);
      expect(byKey.json()).toMatchObject({ verified: true, dryRun: true });
      expect(path.basename(cwd)).not.toBe('');
    });

    it('cleanup keeps the newest per day and per week and deletes the rest from Spaces', async () => {
      const databaseUrl = await createEmptyDatabase(postgresUrl!);
      const env = {
        PATH: process.env.PATH,
        DATABASE_URL: databaseUrl,
        BACKUP_ENCRYPTION_KEY: newKey(),
        ...spacesEnv(),
        SPACES_BUCKET: 'gomeet-cleanup-test',
      };
      const cwd = tempDir();
      const at = (iso: string) => ({ cwd, env, now: () => new Date(iso) });
      // two backups on 2023-10-24 (the older expires), one on each of the two previous days
      for (const iso of [
        '2023-10-22T01:00:00Z',
        '2023-10-23T01:00:00Z',
        '2023-10-24T01:00:00Z',
        '2023-10-24T13:00:00Z',
      ]) {
        expect(
          (await runCli(['--target', 'local', 'backup-restore', 'backup'], at(iso))).code,
        ).toBe(0);
      }
      const args = ['--target', 'local', '--format', 'json', 'backup-restore'];
      const preview = await runCli(
        [...args, '--dry-run', 'cleanup', '--keep-daily', '2', '--keep-weekly', '1'],
        at('2023-10-25T00:00:00Z'),
      );
      const plan = preview.json<{ removed: { name: string }[] }>();
      expect(plan.removed.map((b) => b.name).sort()).toEqual([
        'backup-20231022-010000.tar.gz',
        'backup-20231024-010000.tar.gz',
      ]);

      expect(
        (
          await runCli(
            [...args, 'cleanup', '--keep-daily', '2', '--keep-weekly', '1'],
            at('2023-10-25T00:00:00Z'),
          )
        ).code,
      ).toBe(0);
      const left = (await runCli([...args, 'list'], at('2023-10-25T00:00:00Z'))).json<{
        backups: { name: string }[];
      }>();
      // 2023-10-22 is a Sunday (ISO week 42): outside the 2 days, and --keep-weekly 1 keeps week 43 only
      expect(left.backups.map((b) => b.name)).toEqual([
        'backup-20231024-130000.tar.gz',
        'backup-20231023-010000.tar.gz',
      ]);
    });
  },
);
