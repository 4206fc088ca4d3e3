import type { MeetingState, UpdateMeetingBody } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import type { MeetingRow } from '../meetings/tables.js';
import { dropOccurrenceChangesFrom, seriesOf } from './repo.js';
import { checkRule, nextRuleStart, parseStoredRule } from './series.js';

/** The stored form of a rule from a request: JSON text, or null for "does not repeat". */
export function storedRule(rule: UpdateMeetingBody['recurrence']): string | null {
  return rule ? JSON.stringify(rule) : null;
}

/** Throws 400 when a change to a meeting's start or rule leaves a series that cannot repeat. */
export function checkSeriesChange(meeting: MeetingRow, input: UpdateMeetingBody): void {
  if (input.recurrence === undefined && input.startsAt === undefined) return;
  const rule =
    input.recurrence !== undefined ? input.recurrence : parseStoredRule(meeting.recurrence);
  const start = input.startsAt !== undefined ? new Date(input.startsAt) : meeting.starts_at;
  if (rule) checkRule(rule, start);
}

/**
 * After the series' start or rule changed: changes made to single occurrences still to come are
 * dropped (they may no longer be occurrences of it); past ones and title or length edits stay.
 */
export async function afterSeriesChange(
  ctx: Ctx,
  meeting: MeetingRow,
  input: UpdateMeetingBody,
): Promise<void> {
  if (input.recurrence === undefined && input.startsAt === undefined) return;
  if (meeting.recurrence === null && !input.recurrence) return;
  await dropOccurrenceChangesFrom(ctx.db, meeting.code, ctx.now());
}

/**
 * The state a meeting takes when its host ends it at `now`: "ended", except a series with an
 * occurrence still to come, which ends only today's meeting and is "scheduled" for the next.
 */
export function stateAfterEnding(meeting: MeetingRow, now: Date): MeetingState {
  const series = seriesOf(meeting);
  return series && nextRuleStart(series, now) ? 'scheduled' : 'ended';
}
