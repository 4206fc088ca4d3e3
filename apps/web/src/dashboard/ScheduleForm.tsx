import { createMeetingBody, MAX_PARTICIPANTS, type Meeting } from '@gomeet/protocol';
import { useState, type FormEvent } from 'react';
import { createMeeting } from '../api/meetings';
import { describeError } from '../api/problem';
import { ErrorNote } from '../ui/ErrorNote';
import { Field } from '../ui/Field';
import { formText } from '../ui/form-text';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '../ui/field-errors';

const SETTINGS = [
  ['lobby', 'Lobby: the host admits people', true],
  ['muteOnEntry', 'Mute people when they join', false],
  ['allowScreenShare', 'Allow screen sharing', true],
  ['allowGuests', 'Allow guests without an account', true],
] as const;

function readForm(form: FormData) {
  const text = (k: string) => formText(form, k).trim();
  const startsAt = text('startsAt');
  const passcode = text('passcode');
  return {
    title: text('title'),
    ...(startsAt ? { startsAt: new Date(startsAt).toISOString() } : {}),
    durationMinutes: Number(text('durationMinutes')),
    ...(passcode ? { passcode } : {}),
    settings: {
      ...Object.fromEntries(SETTINGS.map(([k]) => [k, form.get(k) === 'on'])),
      maxParticipants: Number(text('maxParticipants')),
    },
  };
}

/** Schedules a meeting with its time, passcode and settings. */
export function ScheduleForm({ onCreated }: { onCreated: (m: Meeting) => void }) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const parsed = createMeetingBody.safeParse(readForm(new FormData(formEl)));
    setFailure(null);
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    setBusy(true);
    try {
      onCreated(await createMeeting(parsed.data));
      formEl.reset();
    } catch (error) {
      setErrors(apiFieldErrors(error));
      setFailure(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card schedule"
      onSubmit={(e) => void submit(e)}
      aria-label="Schedule a meeting"
      noValidate
    >
      <Field label="Title" name="title" defaultValue="Team meeting" error={errors.title} />
      <Field
        label="Starts"
        name="startsAt"
        type="datetime-local"
        hint="Leave empty to start now."
        error={errors.startsAt}
      />
      <div className="field">
        <label htmlFor="duration">Duration</label>
        <select id="duration" name="durationMinutes" defaultValue="60">
          {[15, 30, 45, 60, 90, 120, 180].map((m) => (
            <option key={m} value={m}>
              {m < 60 ? `${m} minutes` : `${m / 60} hour${m > 60 ? 's' : ''}`}
            </option>
          ))}
        </select>
      </div>
      <Field
        label="Passcode (optional)"
        name="passcode"
        autoComplete="off"
        error={errors.passcode}
      />
      <fieldset>
        <legend>Settings</legend>
        {SETTINGS.map(([name, label, on]) => (
          <label key={name} className="check">
            <input type="checkbox" name={name} defaultChecked={on} /> {label}
          </label>
        ))}
        <Field
          label="Max participants"
          name="maxParticipants"
          type="number"
          min={2}
          max={MAX_PARTICIPANTS}
          defaultValue={100}
          error={errors.settings}
        />
      </fieldset>
      <ErrorNote message={failure} />
      <button type="submit" disabled={busy}>
        {busy ? 'Scheduling…' : 'Schedule'}
      </button>
    </form>
  );
}
