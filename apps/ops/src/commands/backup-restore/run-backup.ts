import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { hashFile, packBackup, type Manifest, type ManifestPart } from './archive.js';
import { withTempDir, type BackupContext } from './backup-context.js';
import { readEncryptionKey } from './encryption-key.js';
import { exportConfig } from './kubernetes-config.js';
import { backupName, spacesKey } from './naming.js';
import { countTables, dumpPostgres } from './postgres.js';
import { dumpRedis } from './redis.js';

/** What `backup` reports (the JSON output). */
export interface BackupResult {
  dryRun: boolean;
  name: string;
  location: 'local' | 'spaces';
  /** File path (local) or object key (Spaces). */
  path: string;
  bytes: number | null;
  sha256: string | null;
  parts: ManifestPart[];
  notes: string[];
}

async function dumpParts(ctx: BackupContext, dir: string, manifest: Manifest): Promise<void> {
  const sources = await ctx.sources();
  const { out, deps } = ctx;
  const add = async (name: string, kind: ManifestPart['kind']) => {
    manifest.parts.push({ name, kind, ...(await hashFile(path.join(dir, name))) });
  };
  await countTables(sources.databaseUrl); // reachability first: a clean exit 3
  await out.progress('Dumping PostgreSQL', () =>
    dumpPostgres(sources.databaseUrl, path.join(dir, 'postgres.dump'), deps.env),
  );
  await add('postgres.dump', 'postgres');
  if (sources.redisUrl) {
    const url = sources.redisUrl;
    const keys = await out.progress('Dumping Redis', () =>
      dumpRedis(url, path.join(dir, 'redis.dump')),
    );
    out.verbose(`redis: ${keys} keys`);
    await add('redis.dump', 'redis');
  }
  if (sources.kube) {
    const kube = sources.kube;
    const exported = await out.progress('Exporting Kubernetes configuration', () =>
      exportConfig(kube, ctx.options.namespace, dir),
    );
    for (const file of exported.files) await add(file, 'kubernetes');
    manifest.notes.push(...exported.notes);
  }
  manifest.notes.push(...sources.notes);
}

/**
 * `backup`: dumps PostgreSQL, Redis and (on a cluster) the namespace's configuration,
 * packs them with a manifest of sha256 sums, encrypts, and stores the file in Spaces when
 * configured, else in BACKUP_DIR. --dry-run says where it would go and writes nothing.
 */
export async function runBackup(ctx: BackupContext): Promise<BackupResult> {
  const key = readEncryptionKey(ctx.deps.env);
  const name = backupName(ctx.deps.now());
  const spaces = ctx.store.spaces;
  const location = spaces ? 'spaces' : 'local';
  const target = spaces ? spacesKey(name) : path.join(ctx.store.dir, name);
  const manifest: Manifest = {
    format: 'gomeet-backup',
    version: 1,
    createdAt: ctx.deps.now().toISOString(),
    source: { target: ctx.options.target, namespace: ctx.options.namespace },
    parts: [],
    notes: [],
  };
  const result = { dryRun: ctx.options.dryRun, name, location, path: target } as const;
  if (ctx.options.dryRun) {
    const sources = await ctx.sources();
    await countTables(sources.databaseUrl);
    return { ...result, bytes: null, sha256: null, parts: [], notes: sources.notes };
  }
  return withTempDir(async (dir) => {
    await dumpParts(ctx, dir, manifest);
    const file = spaces ? path.join(dir, name) : target;
    if (!spaces) await mkdir(ctx.store.dir, { recursive: true });
    await ctx.out.progress('Encrypting', () => packBackup(dir, manifest, file, key));
    const sealed = await hashFile(file);
    if (spaces)
      await ctx.out.progress(`Uploading to ${spaces.bucket}`, () => spaces.upload(file, target));
    return {
      ...result,
      bytes: sealed.bytes,
      sha256: sealed.sha256,
      parts: manifest.parts,
      notes: manifest.notes,
    };
  });
}
