import path from 'node:path';
import { EXIT, ExitError } from '../../cli/exit.js';
import { withTempDir, type BackupContext } from './backup-context.js';
import { spacesKey } from './naming.js';
import { runRestore, type RestoreResult } from './run-restore.js';
import { latestInSpaces, resolveBackup } from './store.js';

/** `restore FILE…`: resolves the file (or glob) locally or in Spaces, then restores it. */
export async function restoreGiven(ctx: BackupContext, args: string[]): Promise<RestoreResult> {
  const found = await resolveBackup(args, ctx.store, ctx.deps.cwd);
  ctx.out.verbose(`using ${found.location}:${found.path}`);
  if (found.location !== 'spaces') return runRestore(ctx, found.path, found.location);
  return downloadAndRestore(ctx, found.path);
}

/** `restore-spaces KEY`: a key, a bare backup name, or latest-backup.tar.gz (the newest). */
export async function restoreFromSpaces(ctx: BackupContext, given: string): Promise<RestoreResult> {
  if (!ctx.store.spaces) {
    throw new ExitError(
      EXIT.USAGE,
      'Spaces is not configured: set SPACES_ENDPOINT, SPACES_KEY and SPACES_SECRET (and SPACES_BUCKET if not gomeet-backups)',
    );
  }
  const key =
    given === 'latest-backup.tar.gz'
      ? (await latestInSpaces(ctx.store)).path
      : given.includes('/')
        ? given
        : spacesKey(given);
  return downloadAndRestore(ctx, key);
}

async function downloadAndRestore(ctx: BackupContext, key: string): Promise<RestoreResult> {
  const spaces = ctx.store.spaces!;
  return withTempDir(async (dir) => {
    const file = path.join(dir, path.posix.basename(key));
    await ctx.out.progress(`Downloading ${key}`, () => spaces.download(key, file));
    return runRestore(ctx, file, 'spaces');
  });
}
