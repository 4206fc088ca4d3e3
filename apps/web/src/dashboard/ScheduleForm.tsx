import { createMeetingBody, type Meeting } from '@gomeet/protocol';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createMeeting } from '../api/meetings';
import { describeError } from '../api/problem';
import { ensureHostKey } from '../e2ee/meeting-key';
import { ErrorNote } from '../ui/ErrorNote';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '../ui/field-errors';
import { MeetingFields, readMeetingForm } from './MeetingFields';

/** Schedules a meeting with its time, passcode and settings. */
export function ScheduleForm({ onCreated }: { onCreated: (m: Meeting) => void }) {
  const { t } = useTranslation('dashboard');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const parsed = createMeetingBody.safeParse(readMeetingForm(new FormData(formEl)));
    setFailure(null);
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    setBusy(true);
    try {
      const created = await createMeeting(parsed.data);
      // An encrypted meeting's key is made here, in the host's browser, and never sent.
      ensureHostKey(created);
      onCreated(created);
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
      aria-label={t('schedule.formLabel')}
      noValidate
    >
      <MeetingFields errors={errors} />
      <ErrorNote message={failure} />
      <button type="submit" disabled={busy}>
        {busy ? t('schedule.busy') : t('schedule.submit')}
      </button>
    </form>
  );
}
