import { updateMeBody } from '@gomeet/protocol';
import { useAccountForm } from '../auth/use-account-form';
import { ErrorNote } from '../ui/ErrorNote';
import { Field } from '../ui/Field';
import { updateDisplayName } from './profile-api';
import { useTranslation } from 'react-i18next';

/** The name others see in meetings. */
export function DisplayNameForm({ current }: { current: string }) {
  const { t } = useTranslation('profile');
  const { errors, failure, busy, done, onSubmit } = useAccountForm({
    schema: updateMeBody,
    read: (data) => ({ displayName: data.get('displayName') }),
    action: ({ displayName }) => updateDisplayName(displayName),
  });

  return (
    <form onSubmit={onSubmit} aria-label={t('name.form')} noValidate>
      <Field
        label={t('name.label')}
        name="displayName"
        defaultValue={current}
        autoComplete="name"
        error={errors.displayName}
      />
      <ErrorNote message={failure} />
      {done && <p role="status">{t('name.saved')}</p>}
      <button type="submit" disabled={busy}>
        {busy ? t('name.busy') : t('name.submit')}
      </button>
    </form>
  );
}
