import type { Meeting, RecurrenceRule, Weekday } from '@gomeet/protocol';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n, intlLanguage } from '../i18n';
import { formatDate } from '../i18n/format';
import { Field } from '../ui/Field';
import type { FieldErrors } from '../ui/field-errors';
import { formText } from '../ui/form-text';

/** The week from Monday, as the rule names its days. */
const DAYS: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** A weekday's short name in the current language ("Mon", "Mo", "lun"), through Intl. */
function dayName(day: Weekday): string {
  // 1 January 2024 was a Monday; UTC so the browser's zone cannot shift the day.
  const monday = Date.UTC(2024, 0, 1);
  return formatDate(monday + DAYS.indexOf(day) * 86_400_000, {
    weekday: 'short',
    timeZone: 'UTC',
  });
}

/** Short names listed the way the language lists them: "Mon, Wed, Fri". */
const dayList = (days: Weekday[]): string =>
  new Intl.ListFormat(intlLanguage(), { style: 'short', type: 'unit' }).format(days.map(dayName));
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
  const ns = 'dashboard';
  const days = rule.weekdays?.length ? dayList(rule.weekdays) : '';
  const base =
    rule.frequency === 'weekly' && days
      ? i18n.t('rule.weeklyOn', { ns, days })
      : rule.frequency === 'daily'
        ? i18n.t('rule.daily', { ns })
        : rule.frequency === 'monthly'
          ? i18n.t('rule.monthly', { ns })
          : i18n.t('rule.weekly', { ns });
  if (rule.count) return i18n.t('rule.times', { ns, rule: base, count: rule.count });
  if (rule.until) {
    const date = formatDate(rule.until, { year: 'numeric', month: 'numeric', day: 'numeric' });
    return i18n.t('rule.until', { ns, rule: base, date });
  }
  return base;
}

/** Repeat: none, daily, weekly on chosen days, monthly; ending on a date or after a count. */
export function RepeatFields({ errors, meeting }: { errors: FieldErrors; meeting?: Meeting }) {
  const { t } = useTranslation('dashboard');
  const rule = meeting?.recurrence ?? null;
  const [repeat, setRepeat] = useState<Repeat>(rule?.frequency ?? 'none');
  const repeatId = useId();
  const problem = errors.recurrence ?? errors.weekdays ?? errors.until ?? errors.count;
  return (
    <fieldset className="repeat">
      <legend>{t('repeat.legend')}</legend>
      <div className="field">
        <label htmlFor={repeatId}>{t('repeat.label')}</label>
        <select
          id={repeatId}
          name="repeat"
          value={repeat}
          onChange={(e) => setRepeat(e.currentTarget.value as Repeat)}
        >
          <option value="none">{t('repeat.none')}</option>
          <option value="daily">{t('repeat.daily')}</option>
          <option value="weekly">{t('repeat.weekly')}</option>
          <option value="monthly">{t('repeat.monthly')}</option>
        </select>
      </div>
      {repeat === 'weekly' && (
        <div className="weekdays" role="group" aria-label={t('repeat.weekdays')}>
          {DAYS.map((day) => (
            <label key={day} className="check">
              <input
                type="checkbox"
                name="weekday"
                value={day}
                defaultChecked={rule?.weekdays?.includes(day) ?? false}
              />{' '}
              {dayName(day)}
            </label>
          ))}
          <small className="field-hint">{t('repeat.weekdaysHint')}</small>
        </div>
      )}
      {repeat !== 'none' && (
        <>
          <Field
            label={t('repeat.until')}
            name="repeatUntil"
            type="date"
            defaultValue={rule?.until ? rule.until.slice(0, 10) : undefined}
          />
          <Field
            label={t('repeat.count')}
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
