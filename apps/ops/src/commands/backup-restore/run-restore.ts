import { open } from 'node:fs/promises';
import path from 'node:path';
import { EXIT, ExitError } from '../../cli/exit.js';
import { BackupIntegrityError } from './aead-stream.js';
import { unpackBackup, type Manifest } from './archive.js';
import { withTempDir, type BackupContext } from './backup-context.js';
import { readEncryptionKey } from './encryption-key.js';
import { applyConfig } from './kubernetes-config.js';
import { countTables, restorePostgres } from './postgres.js';
import { countKeys, restoreRedis } from './redis.js';
import type { DataSources } from './sources.js';

/** What `restore` and `restore-spaces` report (the JSON output). */
export interface RestoreResult {
  dryRun: boolean;
  name: string;
  from: 'local' | 'spaces' | 'file';
  kind: 'backup' | 'sql';
  verified: boolean;
  restored: { postgres: boolean; redisKeys: number | null; kubernetesObjects: number | null };
  notes: string[];
}

/** Backups to restore: an encrypted tarball, or a bare pg_dump / SQL file. */
async function isEncryptedBackup(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(8);
    await handle.read(head, 0, 8, 0);
    return head.toString('latin1') === 'GOMEETBK';
  } finally {
    await handle.close();
  }
}

/** Refuses (exit 1) before anything is written when a target already holds data. */
async function checkTargetsEmpty(sources: DataSources, restoresRedis: boolean, force: boolean) {
  if (force) return;
  const tables = await countTables(sources.databaseUrl);
  if (tables > 0) {
    throw new ExitError(
      EXIT.FAILED,
      `the target database is not empty (${tables} tables): restore refuses to overwrite it; rerun with --force to replace its contents`,
    );
  }
  if (restoresRedis && sources.redisUrl && (await countKeys(sources.redisUrl)) > 0) {
    throw new ExitError(
      EXIT.FAILED,
      'the target Redis database is not empty: restore refuses to overwrite it; rerun with --force to replace its contents',
    );
  }
}

async function restoreParts(ctx: BackupContext, dir: string, manifest: Manifest) {
  const sources = await ctx.sources();
  const has = (kind: string) => manifest.parts.filter((p) => p.kind === kind).map((p) => p.name);
  const redisPart = has('redis')[0];
  await checkTargetsEmpty(sources, Boolean(redisPart), ctx.force);
  const restored: RestoreResult['restored'] = {
    postgres: false,
    redisKeys: null,
    kubernetesObjects: null,
  };
  const notes = [...sources.notes];
  const kubeFiles = has('kubernetes');
  if (sources.kube && kubeFiles.length > 0) {
    const kube = sources.kube;
    // Data-store credentials describe the source namespace's databases, not this one's.
    const sameNamespace = manifest.source.namespace === ctx.options.namespace;
    restored.kubernetesObjects = await ctx.out.progress('Applying Kubernetes configuration', () =>
      applyConfig(kube, ctx.options.namespace, dir, kubeFiles, sameNamespace),
    );
  }
  const pgPart = has('postgres')[0];
  if (pgPart) {
    await ctx.out.progress('Restoring PostgreSQL', () =>
      restorePostgres(sources.databaseUrl, path.join(dir, pgPart), {
        clean: ctx.force,
        env: ctx.deps.env,
      }),
    );
    restored.postgres = true;
  }
  if (redisPart && sources.redisUrl) {
    const url = sources.redisUrl;
    restored.redisKeys = await ctx.out.progress('Restoring Redis', () =>
      restoreRedis(url, path.join(dir, redisPart), ctx.force),
    );
  } else if (redisPart) {
    notes.push('the backup holds Redis data but no Redis target is configured: skipped');
  }
  return { restored, notes: [...manifest.notes.map((n) => `backup: ${n}`), ...notes] };
}

async function restoreSql(
  ctx: BackupContext,
  file: string,
  base: RestoreResult,
): Promise<RestoreResult> {
  if (ctx.options.dryRun)
    return { ...base, notes: ['a plain dump carries no checksums: nothing to verify'] };
  const sources = await ctx.sources();
  await checkTargetsEmpty(sources, false, ctx.force);
  await ctx.out.progress('Restoring PostgreSQL', () =>
    restorePostgres(sources.databaseUrl, file, { clean: ctx.force, env: ctx.deps.env }),
  );
  return { ...base, restored: { ...base.restored, postgres: true }, notes: sources.notes };
}

/**
 * Restores one local file. An encrypted backup is decrypted and every checksum verified
 * into a private temp dir BEFORE anything is written to a target; --dry-run stops there.
 */
export async function runRestore(
  ctx: BackupContext,
  file: string,
  from: RestoreResult['from'],
): Promise<RestoreResult> {
  const encrypted = await isEncryptedBackup(file);
  const base: RestoreResult = {
    dryRun: ctx.options.dryRun,
    name: path.basename(file),
    from,
    kind: encrypted ? 'backup' : 'sql',
    verified: false,
    restored: { postgres: false, redisKeys: null, kubernetesObjects: null },
    notes: [],
  };
  if (!encrypted && file.endsWith('.tar.gz')) {
    throw new ExitError(
      EXIT.FAILED,
      `${base.name}: not an encrypted GoMeet backup (unknown header); nothing was restored`,
    );
  }
  if (!encrypted) return restoreSql(ctx, file, base);
  const key = readEncryptionKey(ctx.deps.env);
  return withTempDir(async (dir) => {
    let manifest: Manifest;
    try {
      manifest = await ctx.out.progress('Decrypting and verifying', () =>
        unpackBackup(file, dir, key),
      );
    } catch (error) {
      if (!(error instanceof BackupIntegrityError)) throw error;
      throw new ExitError(EXIT.FAILED, `${base.name}: ${error.message}; nothing was restored`);
    }
    const verified = { ...base, verified: true };
    if (ctx.options.dryRun) {
      return {
        ...verified,
        notes: manifest.parts.map(
          (p) => `verified ${p.name} (${p.bytes} bytes, sha256 ${p.sha256.slice(0, 12)})`,
        ),
      };
    }
    return { ...verified, ...(await restoreParts(ctx, dir, manifest)) };
  });
}
