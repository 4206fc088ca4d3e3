import { AppError } from '@gomeet/platform';
import type { AdminUsage } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import { computeUsage, utcDay } from './compute-usage.js';

/** The longest range one request may ask for, in days. */
export const MAX_USAGE_DAYS = 366;
/** The range when none is given: the last 30 days, today included. */
const DEFAULT_DAYS = 30;
const DAY_MS = 86_400_000;

const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Use per UTC day over a range, from the attendance records (stays) of every meeting. */
export async function usageReport({
  ctx,
  input,
}: {
  ctx: Pick<Ctx, 'db' | 'now'>;
  input: { from?: string | undefined; to?: string | undefined };
}): Promise<AdminUsage> {
  const now = ctx.now();
  const to = input.to ?? dateOf(now.getTime());
  const from = input.from ?? dateOf(utcDay(to) - (DEFAULT_DAYS - 1) * DAY_MS);
  const days = (utcDay(to) - utcDay(from)) / DAY_MS + 1;
  if (!Number.isInteger(days) || days < 1 || days > MAX_USAGE_DAYS) {
    throw new AppError(
      'VALIDATION',
      `Expected "from" on or before "to", at most ${MAX_USAGE_DAYS} days apart.`,
      { type: 'validation', errors: [{ field: 'from', message: 'outside the allowed range' }] },
    );
  }
  const start = new Date(utcDay(from));
  const end = new Date(utcDay(to) + DAY_MS);
  const stays = await ctx.db
    .selectFrom('meeting_attendance')
    .select(['meeting_code', 'joined_at', 'left_at'])
    .where('joined_at', '<', end)
    .where((eb) => eb.or([eb('left_at', 'is', null), eb('left_at', '>', start)]))
    .execute();
  return computeUsage(stays, { from, to }, now);
}
