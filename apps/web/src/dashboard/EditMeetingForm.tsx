import { updateMeetingBody, type Meeting } from '@gomeet/protocol';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { updateMeeting } from '../api/meetings';
import { describeError } from '../api/problem';
import { ensureHostKey } from '../e2ee/meeting-key';
import { ErrorNote } from '../ui/ErrorNote';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '../ui/field-errors';
import { MeetingFields, readMeetingForm } from './MeetingFields';
import { readRepeat } from './RepeatFields';

/** Changes a meeting's title, time, passcode or settings (host and co-hosts). */
export function EditMeetingForm({
  meeting,
  onSaved,
}: {
  meeting: Meeting;
  onSaved: (m: Meeting) => void;
}) {
  const { t } = useTranslation('dashboard');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    // Editing the series: "Does not repeat" turns it into a one-off (null), unlike creating.
    const parsed = updateMeetingBody.safeParse({
      ...readMeetingForm(form),
      recurrence: readRepeat(form),
    });
    setFailure(null);
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    setBusy(true);
    try {
      const saved = await updateMeeting(meeting.code, parsed.data);
      ensureHostKey(saved);
      onSaved(saved);
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
      aria-label={t('edit.label', { title: meeting.title })}
      noValidate
    >
      <MeetingFields errors={errors} meeting={meeting} />
      <ErrorNote message={failure} />
      <button type="submit" disabled={busy}>
        {busy ? t('edit.busy') : t('edit.save')}
      </button>
    </form>
  );
}
