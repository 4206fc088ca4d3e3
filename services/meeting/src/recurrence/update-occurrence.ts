import { AppError } from '@gomeet/platform';
import type { Occurrence, UpdateOccurrenceBody } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import { loadMeeting, requireHost, requireNotOver } from '../meetings/access.js';
import { occurrenceNotFound } from './list-occurrences.js';
import { listOccurrenceChanges, saveOccurrenceChange, seriesOf } from './repo.js';
import { isRuleStart, presentOccurrence, type OccurrenceChange } from './series.js';

function notRecurring(): AppError {
  return new AppError('CONFLICT', 'This meeting does not repeat; change the meeting itself.', {
    type: 'not-recurring',
  });
}

/** `change` with the fields of `input` applied (null: back to the series' value). */
function applied(change: OccurrenceChange, input: UpdateOccurrenceBody): OccurrenceChange {
  const next = { ...change };
  if (input.title !== undefined) next.title = input.title;
  if (input.startsAt !== undefined)
    next.startsAt = input.startsAt === null ? null : new Date(input.startsAt);
  if (input.durationMinutes !== undefined) next.durationMinutes = input.durationMinutes;
  if (input.cancelled !== undefined) next.cancelled = input.cancelled;
  return next;
}

/**
 * Changes one occurrence of a recurring meeting (host and co-hosts): its title, time or length,
 * or cancels it; the series and its other occurrences stay as they are. `id` is the
 * occurrence's start as the rule gives it (404 when the rule gives none then).
 */
export async function updateOccurrence({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: UpdateOccurrenceBody & { code: string; id: string };
}): Promise<Occurrence> {
  const row = await loadMeeting(ctx, input.code);
  requireHost(row, ctx.actor, 'change this meeting');
  requireNotOver(row);
  const series = seriesOf(row);
  if (!series) throw notRecurring();
  const occursAt = new Date(input.id);
  if (Number.isNaN(occursAt.getTime()) || !isRuleStart(series, occursAt))
    throw occurrenceNotFound();
  const changes = await listOccurrenceChanges(ctx.db, row.code);
  const before = changes.find((c) => c.occursAt.getTime() === occursAt.getTime()) ?? {
    occursAt,
    title: null,
    startsAt: null,
    durationMinutes: null,
    cancelled: false,
  };
  const change = applied(before, input);
  await saveOccurrenceChange(ctx.db, row.code, change, ctx.now());
  return presentOccurrence(series, occursAt, change);
}
