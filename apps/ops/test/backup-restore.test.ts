import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createEmptyDatabase, startRedis } from '@gomeet/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from './harness/run-cli.js';
import {
  newKey,
  redisSnapshot,
  seedDatabase,
  seedRedis,
  sql,
  tableDigests,
  tempDir,
  wipeDatabase,
} from './backup-restore/fixtures.js';

const postgresUrl = inject('postgresUrl');

function flipByte(b: Buffer): Buffer {
  const copy = Buffer.from(b);
  copy[Math.floor(copy.length / 2)]! ^= 0x01;
  return copy;
}

interface BackupJson {
  name: string;
  location: string;
  path: string;
  parts: { name: string; sha256: string }[];
  notes: string[];
}

describe.skipIf(!postgresUrl)(
  'backup-restore on the local target (real PostgreSQL and Redis)',
  () => {
    let redis: Awaited<ReturnType<typeof startRedis>>;
    beforeAll(async () => {
      redis = await startRedis();
    });
    afterAll(async () => {
      await redis?.stop();
    });

    async function setup() {
      const databaseUrl = await createEmptyDatabase(postgresUrl!);
      const redisUrl = `${redis.url}/${Math.floor(Math.random() * 15) + 1}`;
      const cwd = tempDir();
      const env = {
        PATH: process.env.PATH,
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        BACKUP_ENCRYPTION_KEY: newKey(),
      };
      await seedDatabase(databaseUrl);
      await seedRedis(redisUrl);
      const cli = (argv: string[], extra: Record<string, string> = {}) =>
        runCli(['--target', 'local', '--format', 'json', 'backup-restore', ...argv], {
          cwd,
          env: { ...env, ...extra },
        });
      return { databaseUrl, redisUrl, cwd, env, cli };
    }

    it('restores users, meetings, chat and every Redis key exactly after a wipe', async () => {
      const { databaseUrl, redisUrl, cwd, cli } = await setup();
      const before = await tableDigests(databaseUrl);
      const keysBefore = await redisSnapshot(redisUrl);

      const backup = await cli(['backup']);
      expect(backup.code, backup.stderr).toBe(0);
      const made = backup.json<BackupJson>();
      expect(made.name).toMatch(/^backup-\d{8}-\d{6}\.tar\.gz$/);
      expect(made.parts.map((p) => p.name)).toEqual(['postgres.dump', 'redis.dump']);
      const file = path.join(cwd, 'backups', made.name);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file).includes('User 17')).toBe(false); // encrypted at rest

      await wipeDatabase(databaseUrl);
      const client = new Redis(redisUrl);
      await client.flushdb();
      client.disconnect();
      const restore = await cli(['restore', made.name]);
      expect(restore.code, restore.stderr).toBe(0);
      expect(restore.json()).toMatchObject({
        verified: true,
        restored: { postgres: true, redisKeys: 6 },
      });

      expect(await tableDigests(databaseUrl)).toEqual(before);
      expect(await redisSnapshot(redisUrl)).toEqual(keysBefore);
    });

    it('refuses to restore over a database that has data, and replaces it with --force', async () => {
      const { databaseUrl, cli } = await setup();
      const before = await tableDigests(databaseUrl);
      const { name } = (await cli(['backup'])).json<BackupJson>();

      const refused = await cli(['restore', name]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('not empty');
      expect(refused.stderr).toContain('--force');

      await wipeDatabase(databaseUrl).then(() => seedDatabase(databaseUrl));
      await sql(databaseUrl, "update users set name = 'changed'");
      const forced = await cli(['--force', 'restore', name]);
      expect(forced.code, forced.stderr).toBe(0);
      expect(await tableDigests(databaseUrl)).toEqual(before);
    });

    it('verifies every checksum with --dry-run and restores nothing, picking the newest glob match', async () => {
      const { databaseUrl, cwd, cli } = await setup();
      const { name } = (await cli(['backup'])).json<BackupJson>();
      await wipeDatabase(databaseUrl);
      const day = name.slice('backup-'.length, 'backup-'.length + 8);
      const verified = await cli(['--dry-run', 'restore', `backup-${day}-*.tar.gz`]);
      expect(verified.code, verified.stderr).toBe(0);
      expect(verified.json()).toMatchObject({
        name,
        dryRun: true,
        verified: true,
        restored: { postgres: false },
      });
      // the shell may expand the glob itself into several files
      const expanded = await cli([
        '--dry-run',
        'restore',
        path.join(cwd, 'backups', name),
        path.join(cwd, 'backups', name),
      ]);
      expect(expanded.code, expanded.stderr).toBe(0);
      expect(await sql(databaseUrl, "select 1 from pg_tables where schemaname = 'public'")).toEqual(
        [],
      );
    });

    it.each([
      ['a flipped byte', (b: Buffer) => flipByte(b), 'modified'],
      ['a truncated file', (b: Buffer) => b.subarray(0, b.length - 100), 'truncated'],
    ])('refuses an archive with %s and restores nothing', async (_what, damage, message) => {
      const { databaseUrl, cwd, cli } = await setup();
      const { name } = (await cli(['backup'])).json<BackupJson>();
      const file = path.join(cwd, 'backups', name);
      writeFileSync(file, damage(readFileSync(file)));
      await wipeDatabase(databaseUrl);
      const result = await cli(['restore', name]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`${message}.*nothing was restored`));
      expect(await sql(databaseUrl, "select 1 from pg_tables where schemaname = 'public'")).toEqual(
        [],
      );
    });

    it('refuses a backup under the wrong key with a clear error', async () => {
      const { cli } = await setup();
      const { name } = (await cli(['backup'])).json<BackupJson>();
      const result = await cli(['restore', name], { BACKUP_ENCRYPTION_KEY: newKey() });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('wrong BACKUP_ENCRYPTION_KEY');
    });

    it('exits 2 when BACKUP_ENCRYPTION_KEY is missing or not 32 bytes', async () => {
      const { cli } = await setup();
      expect((await cli(['backup'], { BACKUP_ENCRYPTION_KEY: '' })).code).toBe(2);
      const short = await cli(['backup'], {
        BACKUP_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64'),
      });
      expect(short.code).toBe(2);
      expect(short.stderr).toContain('must be 32 bytes');
    });

    it('says the embedded PGlite database cannot be dumped and exits 3 without DATABASE_URL', async () => {
      const { cli } = await setup();
      const result = await cli(['backup'], { DATABASE_URL: '' });
      expect(result.code).toBe(3);
      expect(result.stderr).toContain('PGlite');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    });

    it('lists backups newest first with the date in each text line', async () => {
      const { cwd, env } = await setup();
      const at = (iso: string) => () => new Date(iso);
      for (const iso of ['2023-10-24T12:00:00Z', '2023-10-25T12:00:00Z']) {
        const made = await runCli(['--target', 'local', 'backup-restore', 'backup'], {
          cwd,
          env,
          now: at(iso),
        });
        expect(made.code, made.stderr).toBe(0);
      }
      const list = await runCli(['--target', 'local', 'backup-restore', 'list'], {
        cwd,
        env,
        now: at('2023-10-26T12:00:00Z'),
      });
      const lines = list.stdout.trim().split('\n');
      expect(lines[0]).toMatch(/^backup-20231025-120000\.tar\.gz .*1d 0h ago/);
      expect(lines.filter((l) => l.includes('20231024'))).toHaveLength(1);
      expect(existsSync(path.join(cwd, 'backups'))).toBe(true);
      expect(readdirSync(path.join(cwd, 'backups'))).toHaveLength(2);
    });

    it('restores a plain SQL dump such as postgres-backup-20231025.sql', async () => {
      const { cwd, cli } = await setup();
      const target = await createEmptyDatabase(postgresUrl!);
      writeFileSync(
        path.join(cwd, 'postgres-backup-20231025.sql'),
        "create table users (id int primary key, name text);\ninsert into users values (1, 'Ada');\n",
      );
      const result = await cli(['restore', 'postgres-backup-20231025.sql'], {
        DATABASE_URL: target,
      });
      expect(result.code, result.stderr).toBe(0);
      expect(result.json()).toMatchObject({ kind: 'sql', restored: { postgres: true } });
      expect(await sql(target, 'select name from users')).toEqual([{ name: 'Ada' }]);
    });
  },
);
