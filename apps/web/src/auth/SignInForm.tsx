import './account.css';
import { loginBody } from '@gomeet/protocol';
import { useState, type FormEvent } from 'react';
import { login } from '../api/auth';
import { describeError } from '../api/problem';
import { busyMessage, retryWhenBusy } from '../api/retry-after';
import { ErrorNote } from '../ui/ErrorNote';
import { WaitNote } from '../ui/WaitNote';
import { Link } from '../ui/Link';
import { zodFieldErrors, type FieldErrors } from '../ui/field-errors';
import { EmailField, PasswordField } from './AccountFields';
import { useTranslation } from 'react-i18next';

export function SignInForm() {
  const { t } = useTranslation('auth');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const parsed = loginBody.safeParse({
      email: form.get('email'),
      password: form.get('password'),
    });
    setFailure(null);
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    setBusy(true);
    try {
      await retryWhenBusy(() => login(parsed.data), {
        onWait: (s) => setNotice(s === null ? null : busyMessage('sign-in', s)),
      });
    } catch (error) {
      setFailure(describeError(error));
      setBusy(false);
    } finally {
      setNotice(null);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t('signIn.form')} noValidate>
      <EmailField error={errors.email} />
      <PasswordField
        purpose="current"
        label={t('fields.password')}
        name="password"
        error={errors.password}
      />
      <ErrorNote message={failure} />
      <WaitNote message={notice} testId="sign-in-wait" />
      <button type="submit" disabled={busy}>
        {busy ? t('signIn.busy') : t('signIn.submit')}
      </button>
      <Link href="/reset-password" className="forgot-password">
        {t('signIn.forgot')}
      </Link>
    </form>
  );
}
