import { unlink } from 'node:fs/promises';
import { EXIT, ExitError } from '../../cli/exit.js';
import { formatAge, formatBytes, type BackupContext } from './backup-context.js';
import { applyRetention, type RetentionPolicy } from './retention.js';
import { listBackups, type StoredBackup } from './store.js';

/** One backup as `list` and `cleanup` report it. */
export interface ListedBackup {
  name: string;
  location: 'local' | 'spaces';
  path: string;
  bytes: number;
  createdAt: string;
  ageSeconds: number;
}

function describe(b: StoredBackup, now: Date): ListedBackup {
  const ageSeconds = Math.floor((now.getTime() - b.createdAt.getTime()) / 1000);
  return {
    name: b.name,
    location: b.location,
    path: b.path,
    bytes: b.bytes,
    createdAt: b.createdAt.toISOString(),
    ageSeconds,
  };
}

/** One text line per backup; the name (with its date) comes first, so `grep 20231025` works. */
export function listLine(b: ListedBackup): string {
  const when = b.createdAt.replace('T', ' ').slice(0, 19);
  return `${b.name}  ${when} UTC  ${formatBytes(b.bytes).padStart(10)}  ${formatAge(b.ageSeconds).padStart(7)} ago  ${b.location}:${b.path}`;
}

/** `list`: local and Spaces backups, newest first. */
export async function runList(ctx: BackupContext): Promise<{ backups: ListedBackup[] }> {
  const now = ctx.deps.now();
  return { backups: (await listBackups(ctx.store)).map((b) => describe(b, now)) };
}

/** What `cleanup` reports. */
export interface CleanupResult {
  dryRun: boolean;
  policy: RetentionPolicy;
  kept: ListedBackup[];
  removed: ListedBackup[];
}

/**
 * `cleanup`: applies the retention policy to each location separately and deletes the
 * rest (with --dry-run: only lists what would go).
 */
export async function runCleanup(
  ctx: BackupContext,
  policy: RetentionPolicy,
): Promise<CleanupResult> {
  if (
    !Number.isInteger(policy.keepDaily) ||
    !Number.isInteger(policy.keepWeekly) ||
    policy.keepDaily < 1 ||
    policy.keepWeekly < 0
  ) {
    throw new ExitError(
      EXIT.USAGE,
      '--keep-daily must be a whole number >= 1 and --keep-weekly >= 0',
    );
  }
  const now = ctx.deps.now();
  const all = await listBackups(ctx.store);
  const kept: StoredBackup[] = [];
  const removed: StoredBackup[] = [];
  for (const location of ['local', 'spaces'] as const) {
    const { keep, expire } = applyRetention(
      all.filter((b) => b.location === location),
      policy,
    );
    kept.push(...keep);
    removed.push(...expire);
  }
  if (!ctx.options.dryRun) {
    for (const b of removed) {
      if (b.location === 'local') await unlink(b.path);
      else await ctx.store.spaces?.remove(b.path);
      ctx.out.verbose(`removed ${b.location}:${b.path}`);
    }
  }
  return {
    dryRun: ctx.options.dryRun,
    policy,
    kept: kept.map((b) => describe(b, now)),
    removed: removed.map((b) => describe(b, now)),
  };
}
