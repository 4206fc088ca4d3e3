import { MIN_PASSWORD_LENGTH, registerBody } from '@gomeet/protocol';
import { useState, type FormEvent } from 'react';
import { register } from '../api/auth';
import { describeError } from '../api/problem';
import { ErrorNote } from '../ui/ErrorNote';
import { Field } from '../ui/Field';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '../ui/field-errors';
import { leaveNotice, takeNotice } from './account-notice';
import { useMailDelivery, whereMailWent } from './use-mail-delivery';

export function SignUpForm() {
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
      leaveNotice(
        `Account created. The mail that confirms your address ${whereMailWent(delivery)}`,
      );
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
        Check your email: we sent a mail to {pendingFor}. Open its link to confirm your address,
        then sign in.
      </p>
    );
  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Sign up" noValidate>
      <Field label="Your name" name="displayName" autoComplete="name" error={errors.displayName} />
      <Field label="Email" name="email" type="email" autoComplete="email" error={errors.email} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        error={errors.password}
      />
      <ErrorNote message={failure} />
      <button type="submit" disabled={busy}>
        {busy ? 'Creating your account…' : 'Create account'}
      </button>
    </form>
  );
}
