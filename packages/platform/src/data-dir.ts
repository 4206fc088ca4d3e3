import { chmod, mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** What {@link secureDataDir} changed, for the caller to log. */
export interface DataDirResult {
  /** True when the directory existed with group or other permissions and was tightened. */
  tightened: boolean;
  /** The mode it had before (e.g. 0o755), when it existed. */
  previousMode?: number;
}

/**
 * Makes `dir` private to this user: creates it 0700, or tightens an existing one to 0700 and
 * every file below it to 0600 (folders 0700). The embedded database's write-ahead log holds the
 * token-signing key, so nobody else on the machine may read it.
 */
export async function secureDataDir(dir: string): Promise<DataDirResult> {
  let before: number | undefined;
  try {
    before = (await stat(dir)).mode & 0o777;
  } catch {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  }
  // mkdir's mode is masked by the umask, and an existing folder keeps its own: set it outright.
  await chmod(dir, 0o700);
  const loose = before !== undefined && (before & 0o077) !== 0;
  await tightenBelow(dir);
  return before === undefined ? { tightened: false } : { tightened: loose, previousMode: before };
}

async function tightenBelow(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      await chmod(full, 0o700);
      await tightenBelow(full);
    } else if (entry.isFile()) {
      await chmod(full, 0o600);
    }
  }
}
