/** Backup file names carry their UTC creation time: backup-YYYYMMDD-HHMMSS.tar.gz. */
const NAME = /^backup-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})\.tar\.gz$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** The file name of a backup taken at `date` (UTC). */
export function backupName(date: Date): string {
  const day = `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}`;
  const time = `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`;
  return `backup-${day}-${time}.tar.gz`;
}

/** When the named backup was taken, or undefined for a name not of that form. */
export function parseBackupName(name: string): Date | undefined {
  const m = NAME.exec(name);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, ...number[]];
  return new Date(Date.UTC(y!, mo! - 1, d, h, mi, s));
}

/** The Spaces key of a backup: backups/YYYY/MM/DD/<name>. */
export function spacesKey(name: string): string {
  const date = parseBackupName(name);
  if (!date) return `backups/${name}`;
  const ymd = [date.getUTCFullYear(), pad(date.getUTCMonth() + 1), pad(date.getUTCDate())];
  return `backups/${ymd.join('/')}/${name}`;
}

/** A shell-style glob (`*`, `?`) as an anchored regular expression. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** True when `text` contains glob characters the shell left unexpanded. */
export function isGlob(text: string): boolean {
  return /[*?]/.test(text);
}
