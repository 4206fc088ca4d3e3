import type { Meeting, RecurrenceRule, Weekday } from '@gomeet/protocol';
import { useId, useState } from 'react';
import { Field } from '../ui/Field';
import type { FieldErrors } from '../ui/field-errors';
import { formText } from '../ui/form-text';

const DAYS: [Weekday, string][] = [
  ['MO', 'Mon'],
  ['TU', 'Tue'],
  ['WE', 'Wed'],
  ['TH', 'Thu'],
  ['FR', 'Fri'],
  ['SA', 'Sat'],
  ['SU', 'Sun'],
];
type Repeat = 'none' | RecurrenceRule['frequency'];

/** The browser's IANA time zone: a series repeats at the same local time in it. */
const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/**
 * The repeat rule the fields describe: null for "does not repeat". With no day ticked, a weekly
 * meeting repeats on its start's day (the server's default).
 */
export function readRepeat(form: FormData): RecurrenceRule | null {
  const repeat = formText(form, 'repeat') as Repeat;
  if (!repeat || repeat === 'none') return null;
  const days = form.getAll('weekday').map(String) as Weekday[];
  const until = formText(form, 'repeatUntil').trim();
  const count = formText(form, 'repeatCount').trim();
  return {
    frequency: repeat,
    interval: 1,
    ...(repeat === 'weekly' && days.length > 0 ? { weekdays: days } : {}),
    // The end of the chosen day, in the browser's time zone.
    ...(until ? { until: new Date(`${until}T23:59:59`).toISOString() } : {}),
    ...(count ? { count: Number(count) } : {}),
    timeZone: timeZone(),
  };
}

/** "Weekly on Mon, Wed, 10 times": a rule in a few words for the dashboard. */
export function describeRepeat(rule: RecurrenceRule): string {
  const days = rule.weekdays?.map((d) => DAYS.find(([k]) => k === d)?.[1] ?? d).join(', ');
  const base =
    rule.frequency === 'weekly' && days
      ? `Weekly on ${days}`
      : rule.frequency === 'daily'
        ? 'Daily'
        : rule.frequency === 'monthly'
          ? 'Monthly'
          : 'Weekly';
  if (rule.count) return `${base}, ${rule.count} times`;
  if (rule.until) return `${base}, until ${new Date(rule.until).toLocaleDateString()}`;
  return base;
}

/** Repeat: none, daily, weekly on chosen days, monthly; ending on a date or after a count. */
export function RepeatFields({ errors, meeting }: { errors: FieldErrors; meeting?: Meeting }) {
  const rule = meeting?.recurrence ?? null;
  const [repeat, setRepeat] = useState<Repeat>(rule?.frequency ?? 'none');
  const repeatId = useId();
  const problem = errors.recurrence ?? errors.weekdays ?? errors.until ?? errors.count;
  return (
    <fieldset className="repeat">
      <legend>Repeat</legend>
      <div className="field">
        <label htmlFor={repeatId}>Repeats</label>
        <select
          id={repeatId}
          name="repeat"
          value={repeat}
          onChange={(e) => setRepeat(e.currentTarget.value as Repeat)}
        >
          <option value="none">Does not repeat</option>
          <option value="daily">Daily</option>
          <option value="weekly">Weekly</option>
          <option value="monthly">Monthly (same day of the month)</option>
        </select>
      </div>
      {repeat === 'weekly' && (
        <div className="weekdays" role="group" aria-label="Repeat on">
          {DAYS.map(([day, label]) => (
            <label key={day} className="check">
              <input
                type="checkbox"
                name="weekday"
                value={day}
                defaultChecked={rule?.weekdays?.includes(day) ?? false}
              />{' '}
              {label}
            </label>
          ))}
          <small className="field-hint">None ticked: the day of the first meeting.</small>
        </div>
      )}
      {repeat !== 'none' && (
        <>
          <Field
            label="Until (optional)"
            name="repeatUntil"
            type="date"
            defaultValue={rule?.until ? rule.until.slice(0, 10) : undefined}
          />
          <Field
            label="Number of times (optional)"
            name="repeatCount"
            type="number"
            min={1}
            max={500}
            defaultValue={rule?.count}
          />
        </>
      )}
      {problem && (
        <small className="field-error" role="alert">
          {problem}
        </small>
      )}
    </fieldset>
  );
}
