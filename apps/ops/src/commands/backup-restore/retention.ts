import type { StoredBackup } from './store.js';

/** How many daily and weekly backups `cleanup` keeps. */
export interface RetentionPolicy {
  keepDaily: number;
  keepWeekly: number;
}

function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** ISO 8601 week of a date (UTC), e.g. "2023-W43". */
function weekOf(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

function newestPerPeriod(sorted: StoredBackup[], period: (d: Date) => string, count: number) {
  const kept = new Set<StoredBackup>();
  const seen = new Set<string>();
  for (const backup of sorted) {
    const p = period(backup.createdAt);
    if (seen.has(p)) continue;
    if (seen.size >= count) break;
    seen.add(p);
    kept.add(backup);
  }
  return kept;
}

/**
 * Splits backups of ONE location into kept and expired: the newest backup of each of the
 * `keepDaily` most recent days that have one, and of each of the `keepWeekly` most recent
 * ISO weeks. The newest backup is always kept.
 */
export function applyRetention(
  backups: StoredBackup[],
  policy: RetentionPolicy,
): { keep: StoredBackup[]; expire: StoredBackup[] } {
  const sorted = [...backups].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const daily = newestPerPeriod(sorted, dayOf, Math.max(policy.keepDaily, 1));
  const weekly = newestPerPeriod(sorted, weekOf, policy.keepWeekly);
  const keep = sorted.filter((b) => daily.has(b) || weekly.has(b));
  const expire = sorted.filter((b) => !daily.has(b) && !weekly.has(b));
  return { keep, expire };
}
