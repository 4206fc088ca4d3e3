import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CliDeps, GlobalOptions } from '../../cli/context.js';
import type { Output } from '../../cli/output.js';
import type { DataSources } from './sources.js';
import type { BackupStore } from './store.js';

/** What every backup-restore subcommand works with. */
export interface BackupContext {
  options: GlobalOptions;
  deps: CliDeps;
  out: Output;
  store: BackupStore;
  /** --force: restore over a non-empty database / Redis. */
  force: boolean;
  /** Resolved on first use, so `list` and `cleanup` never need a database or a cluster. */
  sources: () => Promise<DataSources>;
}

/** Runs `work` in a fresh private temp directory, removed afterwards whatever happens. */
export async function withTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gomeet-backup-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** "12.3 MiB" */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** "3d 4h", "25m", "10s": how long ago, coarse. */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s >= 86_400) return `${Math.floor(s / 86_400)}d ${Math.floor((s % 86_400) / 3600)}h`;
  if (s >= 3600) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m`;
  return `${s}s`;
}
