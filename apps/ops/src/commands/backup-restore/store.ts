import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { EXIT, ExitError } from '../../cli/exit.js';
import { globToRegExp, isGlob, parseBackupName } from './naming.js';
import type { BackupSpaces } from './spaces.js';

/** A backup found locally (in BACKUP_DIR) or in Spaces. */
export interface StoredBackup {
  name: string;
  location: 'local' | 'spaces';
  /** The file path (local) or object key (Spaces). */
  path: string;
  bytes: number;
  createdAt: Date;
}

/** Where backups live: BACKUP_DIR (default ./backups) and, when configured, Spaces. */
export interface BackupStore {
  dir: string;
  spaces: BackupSpaces | undefined;
}

async function listLocal(dir: string): Promise<StoredBackup[]> {
  if (!existsSync(dir)) return [];
  const found: StoredBackup[] = [];
  for (const name of await readdir(dir)) {
    const createdAt = parseBackupName(name);
    if (!createdAt) continue;
    const file = path.join(dir, name);
    found.push({ name, location: 'local', path: file, bytes: (await stat(file)).size, createdAt });
  }
  return found;
}

/** Every backup in the store, newest first (locations in the order local, Spaces). */
export async function listBackups(store: BackupStore): Promise<StoredBackup[]> {
  const local = await listLocal(store.dir);
  const remote = store.spaces
    ? (await store.spaces.list('backups/')).flatMap((o): StoredBackup[] => {
        const name = path.posix.basename(o.key);
        const createdAt = parseBackupName(name);
        return createdAt
          ? [{ name, location: 'spaces', path: o.key, bytes: o.bytes, createdAt }]
          : [];
      })
    : [];
  return [...local, ...remote].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

function notFound(what: string, store: BackupStore): ExitError {
  const where = store.spaces ? `${store.dir} or Spaces bucket ${store.spaces.bucket}` : store.dir;
  return new ExitError(
    EXIT.USAGE,
    `no backup matching ${what} in ${where} (see: backup-restore list)`,
  );
}

/**
 * Resolves what `restore` was given: a path, a name in BACKUP_DIR or Spaces, or a glob —
 * unexpanded (matched against the store) or expanded by the shell into several names.
 * Several candidates resolve to the newest.
 */
export async function resolveBackup(
  args: string[],
  store: BackupStore,
  cwd: string,
): Promise<StoredBackup | { location: 'file'; path: string; name: string }> {
  if (args.length === 1 && !isGlob(args[0]!)) {
    const given = path.resolve(cwd, args[0]!);
    if (existsSync(given)) return { location: 'file', path: given, name: path.basename(given) };
  }
  const files = args.map((a) => path.resolve(cwd, a)).filter((f) => existsSync(f));
  if (args.length > 1 && files.length === args.length) {
    const time = (f: string) => parseBackupName(path.basename(f))?.getTime() ?? 0;
    const newest = files.sort((a, b) => time(b) - time(a))[0]!;
    return { location: 'file', path: newest, name: path.basename(newest) };
  }
  const patterns = args.map((a) => globToRegExp(path.basename(a)));
  const all = await listBackups(store);
  const match = all.find((b) => patterns.some((p) => p.test(b.name)) || args.includes(b.path));
  if (match) return match;
  const plain = args.length === 1 ? path.resolve(store.dir, args[0]!) : undefined;
  if (plain && !isGlob(plain) && existsSync(plain)) {
    return { location: 'file', path: plain, name: path.basename(plain) };
  }
  throw notFound(args.join(' '), store);
}

/** The newest backup in Spaces (what `restore-spaces latest-backup.tar.gz` means). */
export async function latestInSpaces(store: BackupStore): Promise<StoredBackup> {
  const latest = (await listBackups(store)).find((b) => b.location === 'spaces');
  if (!latest) throw notFound('latest-backup.tar.gz', store);
  return latest;
}
