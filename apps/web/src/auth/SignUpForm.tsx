import { registerBody } from '@gomeet/protocol';
import { useState, type FormEvent } from 'react';
import { register } from '../api/auth';
import { describeError } from '../api/problem';
import { ErrorNote } from '../ui/ErrorNote';
import { Field } from '../ui/Field';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '../ui/field-errors';
import { EmailField, PasswordField } from './AccountFields';
import { leaveNotice, takeNotice } from './account-notice';
import { useMailDelivery } from './use-mail-delivery';
import { useTranslation } from 'react-i18next';

export function SignUpForm() {
  const { t } = useTranslation('auth');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [pendingFor, setPendingFor] = useState<string | null>(null);
  const delivery = useMailDelivery();

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const parsed = registerBody.safeParse({
      displayName: form.get('displayName'),
      email: form.get('email'),
      password: form.get('password'),
    });
    setFailure(null);
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    setBusy(true);
    // Signing in swaps this form for the dashboard at once: the notice waits there.
    if (delivery?.mode === 'folder')
      leaveNotice(t('signUp.createdFolder', { folder: delivery.folder }));
    try {
      if ((await register(parsed.data)) === 'check-email') {
        setPendingFor(parsed.data.email);
        setBusy(false);
      }
    } catch (error) {
      takeNotice();
      setErrors(apiFieldErrors(error));
      setFailure(describeError(error));
      setBusy(false);
    }
  };

  if (pendingFor)
    return (
      <p role="status" data-testid="check-email">
        {t('signUp.checkEmail', { email: pendingFor })}
      </p>
    );
  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t('signUp.form')} noValidate>
      <Field
        label={t('fields.yourName')}
        name="displayName"
        autoComplete="name"
        error={errors.displayName}
      />
      <EmailField error={errors.email} />
      <PasswordField
        purpose="new"
        label={t('fields.password')}
        name="password"
        error={errors.password}
      />
      <ErrorNote message={failure} />
      <button type="submit" disabled={busy}>
        {busy ? t('signUp.busy') : t('signUp.submit')}
      </button>
    </form>
  );
}
