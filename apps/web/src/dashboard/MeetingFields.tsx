import { MAX_PARTICIPANTS, type Meeting } from '@gomeet/protocol';
import { useId } from 'react';
import { Field } from '../ui/Field';
import type { FieldErrors } from '../ui/field-errors';
import { formText } from '../ui/form-text';
import { readRepeat, RepeatFields } from './RepeatFields';

const SETTINGS = [
  ['lobby', 'Lobby: the host admits people', true],
  ['muteOnEntry', 'Mute people when they join', false],
  ['allowScreenShare', 'Allow screen sharing', true],
  ['allowGuests', 'Allow guests without an account', true],
  ['e2ee', 'End-to-end encryption: the key travels in the invite link; no recording', false],
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
  const durationId = useId();
  const duration = meeting?.durationMinutes ?? 60;
  return (
    <>
      <Field
        label="Title"
        name="title"
        defaultValue={meeting?.title ?? 'Team meeting'}
        error={errors.title}
      />
      <Field
        label="Starts"
        name="startsAt"
        type="datetime-local"
        defaultValue={localInput(meeting?.startsAt ?? null)}
        hint={meeting ? undefined : 'Leave empty to start now.'}
        error={errors.startsAt}
      />
      <RepeatFields errors={errors} {...(meeting ? { meeting } : {})} />
      <div className="field">
        <label htmlFor={durationId}>Duration</label>
        <select id={durationId} name="durationMinutes" defaultValue={String(duration)}>
          {[...new Set([...DURATIONS, duration])].map((m) => (
            <option key={m} value={m}>
              {m < 60 || m % 60 ? `${m} minutes` : `${m / 60} hour${m > 60 ? 's' : ''}`}
            </option>
          ))}
        </select>
      </div>
      <Field
        label="Passcode (optional)"
        name="passcode"
        autoComplete="off"
        hint={meeting?.hasPasscode ? 'Leave empty to keep the current passcode.' : undefined}
        error={errors.passcode}
      />
      <fieldset>
        <legend>Settings</legend>
        {SETTINGS.map(([name, label, on]) => (
          <label key={name} className="check">
            <input type="checkbox" name={name} defaultChecked={meeting?.settings[name] ?? on} />{' '}
            {label}
          </label>
        ))}
        <Field
          label="Max participants"
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
