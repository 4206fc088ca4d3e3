import { passwordResetRequestBody } from '@gomeet/protocol';
import { useState, type FormEvent } from 'react';
import { describeError } from '../api/problem';
import { ErrorNote } from '../ui/ErrorNote';
import { Field } from '../ui/Field';
import { zodFieldErrors, type FieldErrors } from '../ui/field-errors';
import { requestPasswordReset } from './account-api';
import { useMailDelivery, whereMailWent } from './use-mail-delivery';

/** Asks for a reset link by email; says the same whether or not the address has an account. */
export function ForgotPasswordForm() {
  const delivery = useMailDelivery();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const parsed = passwordResetRequestBody.safeParse({
      email: new FormData(e.currentTarget).get('email'),
    });
    setFailure(null);
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    setBusy(true);
    try {
      await requestPasswordReset(parsed.data.email);
      setSentTo(parsed.data.email);
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  if (delivery?.mode === 'off')
    return (
      <p>This server sends no mail, so passwords cannot be reset by link. Ask its operator.</p>
    );
  if (sentTo)
    return (
      <p role="status" data-testid="reset-requested">
        If an account uses {sentTo}, the mail with a link to reset its password (valid for 1 hour){' '}
        {whereMailWent(delivery)}
      </p>
    );
  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Reset password" noValidate>
      <p>Enter the address of your account and we will mail you a link to choose a new password.</p>
      <Field label="Email" name="email" type="email" autoComplete="email" error={errors.email} />
      <ErrorNote message={failure} />
      <button type="submit" disabled={busy}>
        {busy ? 'Sending…' : 'Send reset link'}
      </button>
    </form>
  );
}
