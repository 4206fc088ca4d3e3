import { updateOccurrenceBody, type Occurrence } from '@gomeet/protocol';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../api/problem';
import { ErrorNote } from '../ui/ErrorNote';
import { Field } from '../ui/Field';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '../ui/field-errors';
import { formText } from '../ui/form-text';
import { localInput } from './MeetingFields';
import { updateOccurrence } from './recurrence-api';

/** Changes one occurrence of a series: its title, time, length, or cancels it. */
export function OccurrenceForm({
  code,
  occurrence: o,
  onSaved,
}: {
  code: string;
  occurrence: Occurrence;
  onSaved: () => void;
}) {
  const { t } = useTranslation('dashboard');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const startsAt = formText(form, 'startsAt').trim();
    const parsed = updateOccurrenceBody.safeParse({
      title: formText(form, 'title').trim(),
      ...(startsAt ? { startsAt: new Date(startsAt).toISOString() } : {}),
      durationMinutes: Number(formText(form, 'durationMinutes')),
      cancelled: form.get('cancelled') === 'on',
    });
    setFailure(null);
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    setBusy(true);
    try {
      await updateOccurrence(code, o.id, parsed.data);
      onSaved();
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
      aria-label={t('occurrence.formLabel')}
      noValidate
    >
      <Field label={t('fields.title')} name="title" defaultValue={o.title} error={errors.title} />
      <Field
        label={t('fields.starts')}
        name="startsAt"
        type="datetime-local"
        defaultValue={localInput(o.startsAt)}
        error={errors.startsAt}
      />
      <Field
        label={t('occurrence.minutes')}
        name="durationMinutes"
        type="number"
        min={1}
        max={1440}
        defaultValue={o.durationMinutes ?? 60}
        error={errors.durationMinutes}
      />
      <label className="check">
        <input type="checkbox" name="cancelled" defaultChecked={o.cancelled} />{' '}
        {t('occurrence.cancelOnly')}
      </label>
      <ErrorNote message={failure} />
      <button type="submit" disabled={busy}>
        {busy ? t('occurrence.busy') : t('occurrence.save')}
      </button>
    </form>
  );
}
