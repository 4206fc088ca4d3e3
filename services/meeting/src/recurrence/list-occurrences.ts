import { AppError } from '@gomeet/platform';
import type { Occurrence } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import { loadMeeting, requireGuestScope } from '../meetings/access.js';
import { presentMeeting } from '../meetings/present-meeting.js';
import { listOccurrenceChanges, seriesOf } from './repo.js';
import { listOccurrences as expand } from './series.js';

const DAY_MS = 86_400_000;

/**
 * The next occurrences of meeting `code` (anyone with its code, as for the meeting itself): those
 * not over at `from` (default now) within `days` of it (or of the first meeting, when that is
 * later), at most `limit`. A one-off meeting lists itself.
 */
export async function listMeetingOccurrences({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string; from?: string | undefined; days: number; limit: number };
}): Promise<Occurrence[]> {
  requireGuestScope(ctx.actor, input.code);
  const row = await loadMeeting(ctx, input.code);
  const from = input.from ? new Date(input.from) : ctx.now();
  const series = seriesOf(row);
  if (!series) return once(ctx, row);
  if (row.state === 'cancelled' || row.state === 'ended') return [];
  // A series that starts later than `from` is looked at from its first meeting on.
  const to = new Date(Math.max(from.getTime(), series.start.getTime()) + input.days * DAY_MS);
  const changes = await listOccurrenceChanges(ctx.db, row.code);
  return expand(series, changes, { from, to, limit: input.limit });
}

function once(ctx: Ctx, row: Parameters<typeof presentMeeting>[0]): Occurrence[] {
  const meeting = presentMeeting(row, ctx.publicUrl, null);
  if (!meeting.startsAt) return [];
  return [
    {
      id: meeting.startsAt,
      title: meeting.title,
      startsAt: meeting.startsAt,
      durationMinutes: meeting.durationMinutes,
      edited: false,
      cancelled: meeting.state === 'cancelled',
    },
  ];
}

/** The 404 for an occurrence id the series does not have. */
export function occurrenceNotFound(): AppError {
  return new AppError('NOT_FOUND', 'This meeting has no occurrence starting at that time.', {
    type: 'occurrence-not-found',
  });
}
