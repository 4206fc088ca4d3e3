import { MAX_PARTICIPANTS, type Meeting } from '@gomeet/protocol';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../ui/Field';
import type { FieldErrors } from '../ui/field-errors';
import { formText } from '../ui/form-text';
import { readRepeat, RepeatFields } from './RepeatFields';

/** Each setting's name (also its label's key under `fields`) and its default for a new meeting. */
const SETTINGS = [
  ['lobby', true],
  ['muteOnEntry', false],
  ['allowScreenShare', true],
  ['allowGuests', true],
  ['e2ee', false],
] as const;

const DURATIONS = [15, 30, 45, 60, 90, 120, 180];

/** An ISO time as a datetime-local input's value, in the browser's time zone. */
export function localInput(iso: string | null): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** What the fields say, as a create or update body (an empty passcode is left out). */
export function readMeetingForm(form: FormData) {
  const text = (k: string) => formText(form, k).trim();
  const startsAt = text('startsAt');
  const passcode = text('passcode');
  const recurrence = readRepeat(form);
  return {
    title: text('title'),
    ...(startsAt ? { startsAt: new Date(startsAt).toISOString() } : {}),
    durationMinutes: Number(text('durationMinutes')),
    ...(passcode ? { passcode } : {}),
    ...(recurrence ? { recurrence } : {}),
    settings: {
      ...Object.fromEntries(SETTINGS.map(([k]) => [k, form.get(k) === 'on'])),
      maxParticipants: Number(text('maxParticipants')),
    },
  };
}

/** A meeting's title, time, passcode and settings: empty for a new one, filled to edit one. */
export function MeetingFields({ errors, meeting }: { errors: FieldErrors; meeting?: Meeting }) {
  const { t } = useTranslation('dashboard');
  const durationId = useId();
  const duration = meeting?.durationMinutes ?? 60;
  return (
    <>
      <Field
        label={t('fields.title')}
        name="title"
        defaultValue={meeting?.title ?? t('fields.defaultTitle')}
        error={errors.title}
      />
      <Field
        label={t('fields.starts')}
        name="startsAt"
        type="datetime-local"
        defaultValue={localInput(meeting?.startsAt ?? null)}
        hint={meeting ? undefined : t('fields.startsHint')}
        error={errors.startsAt}
      />
      <RepeatFields errors={errors} {...(meeting ? { meeting } : {})} />
      <div className="field">
        <label htmlFor={durationId}>{t('fields.duration')}</label>
        <select id={durationId} name="durationMinutes" defaultValue={String(duration)}>
          {[...new Set([...DURATIONS, duration])].map((m) => (
            <option key={m} value={m}>
              {/* "45 minutes", "1 hour", "90 minutes": whole hours in hours, the rest in minutes */}
              {m < 60 || m % 60
                ? t('duration.minutes', { count: m })
                : t('duration.hours', { count: m / 60 })}
            </option>
          ))}
        </select>
      </div>
      <Field
        label={t('fields.passcode')}
        name="passcode"
        autoComplete="off"
        hint={meeting?.hasPasscode ? t('fields.passcodeKeep') : undefined}
        error={errors.passcode}
      />
      <fieldset>
        <legend>{t('fields.settings')}</legend>
        {SETTINGS.map(([name, on]) => (
          <label key={name} className="check">
            <input type="checkbox" name={name} defaultChecked={meeting?.settings[name] ?? on} />{' '}
            {t(`fields.${name}`)}
          </label>
        ))}
        <Field
          label={t('fields.maxParticipants')}
          name="maxParticipants"
          type="number"
          min={2}
          max={MAX_PARTICIPANTS}
          defaultValue={meeting?.settings.maxParticipants ?? 100}
          error={errors.settings}
        />
      </fieldset>
    </>
  );
}
