import { updateMeBody } from '@gomeet/protocol';
import { useAccountForm } from '../auth/use-account-form';
import { ErrorNote } from '../ui/ErrorNote';
import { Field } from '../ui/Field';
import { updateDisplayName } from './profile-api';

/** The name others see in meetings. */
export function DisplayNameForm({ current }: { current: string }) {
  const { errors, failure, busy, done, onSubmit } = useAccountForm({
    schema: updateMeBody,
    read: (data) => ({ displayName: data.get('displayName') }),
    action: ({ displayName }) => updateDisplayName(displayName),
  });

  return (
    <form onSubmit={onSubmit} aria-label="Change display name" noValidate>
      <Field
        label="Display name"
        name="displayName"
        defaultValue={current}
        autoComplete="name"
        error={errors.displayName}
      />
      <ErrorNote message={failure} />
      {done && <p role="status">Saved. Meetings you join from now on show this name.</p>}
      <button type="submit" disabled={busy}>
        {busy ? 'Saving…' : 'Save name'}
      </button>
    </form>
  );
}
