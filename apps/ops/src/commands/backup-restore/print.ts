import type { Output } from '../../cli/output.js';
import { formatBytes } from './backup-context.js';
import type { BackupResult } from './run-backup.js';
import { listLine, type CleanupResult, type ListedBackup } from './run-list.js';
import type { RestoreResult } from './run-restore.js';
import type { BackupStore } from './store.js';

const notes = (out: Output, list: string[]) => list.forEach((n) => out.line(`  note: ${n}`));

/** Prints `backup`'s result as JSON or text. */
export function printBackup(out: Output, r: BackupResult): void {
  if (out.format === 'json') return out.json(r);
  if (r.dryRun)
    out.line(`would write ${r.name} to ${r.location}:${r.path} (dry run: nothing written)`);
  else
    out.line(
      `${r.name}  ${formatBytes(r.bytes ?? 0)}  ${r.location}:${r.path}  sha256 ${r.sha256 ?? ''}`,
    );
  for (const p of r.parts)
    out.line(`  ${p.name}  ${formatBytes(p.bytes)}  sha256 ${p.sha256.slice(0, 16)}`);
  notes(out, r.notes);
}

/** Prints `list`: one line per backup, name first. */
export function printList(out: Output, r: { backups: ListedBackup[] }, store: BackupStore): void {
  if (out.format === 'json') return out.json(r);
  if (r.backups.length === 0) {
    out.line(
      `no backups in ${store.dir}${store.spaces ? ` or Spaces bucket ${store.spaces.bucket}` : ''}`,
    );
  }
  r.backups.forEach((b) => out.line(listLine(b)));
}

/** Prints `restore` / `restore-spaces`. */
export function printRestore(out: Output, r: RestoreResult, namespace: string): void {
  if (out.format === 'json') return out.json(r);
  if (r.dryRun) {
    out.line(
      r.verified
        ? `${r.name}: decrypted, every checksum matches; nothing restored (dry run)`
        : `${r.name}: would be restored with psql/pg_restore (dry run)`,
    );
  } else {
    const what = [
      r.restored.postgres ? 'PostgreSQL' : undefined,
      r.restored.redisKeys !== null ? `${r.restored.redisKeys} Redis keys` : undefined,
      r.restored.kubernetesObjects !== null
        ? `${r.restored.kubernetesObjects} Kubernetes objects in ${namespace}`
        : undefined,
    ].filter(Boolean);
    out.line(`${r.name}: restored ${what.join(', ') || 'nothing'}`);
  }
  notes(out, r.notes);
}

/** Prints `cleanup`. */
export function printCleanup(out: Output, r: CleanupResult): void {
  if (out.format === 'json') return out.json(r);
  const verb = r.dryRun ? 'would remove' : 'removed';
  r.removed.forEach((b) => out.line(`${verb} ${listLine(b)}`));
  out.line(
    `${verb} ${r.removed.length}, kept ${r.kept.length} (keep-daily ${r.policy.keepDaily}, keep-weekly ${r.policy.keepWeekly})`,
  );
}
