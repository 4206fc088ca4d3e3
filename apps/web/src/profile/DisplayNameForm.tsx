import { updateMeBody } from '@gomeet/protocol';
import { useState, type FormEvent } from 'react';
import { describeError } from '../api/problem';
import { ErrorNote } from '../ui/ErrorNote';
import { Field } from '../ui/Field';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '../ui/field-errors';
import { updateDisplayName } from './profile-api';

/** The name others see in meetings. */
export function DisplayNameForm({ current }: { current: string }) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const parsed = updateMeBody.safeParse({
      displayName: new FormData(e.currentTarget).get('displayName'),
    });
    setFailure(null);
    setSaved(false);
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    setBusy(true);
    try {
      await updateDisplayName(parsed.data.displayName);
      setSaved(true);
    } catch (error) {
      setErrors(apiFieldErrors(error));
      setFailure(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Change display name" noValidate>
      <Field
        label="Display name"
        name="displayName"
        defaultValue={current}
        autoComplete="name"
        error={errors.displayName}
      />
      <ErrorNote message={failure} />
      {saved && <p role="status">Saved. Meetings you join from now on show this name.</p>}
      <button type="submit" disabled={busy}>
        {busy ? 'Saving…' : 'Save name'}
      </button>
    </form>
  );
}
