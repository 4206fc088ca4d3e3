import { passwordResetRequestBody } from '@gomeet/protocol';
import { useState } from 'react';
import { ErrorNote } from '../ui/ErrorNote';
import { Field } from '../ui/Field';
import { requestPasswordReset } from './account-api';
import { useAccountForm } from './use-account-form';
import { useMailDelivery, whereMailWent } from './use-mail-delivery';

/** Asks for a reset link by email; says the same whether or not the address has an account. */
export function ForgotPasswordForm() {
  const delivery = useMailDelivery();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { errors, failure, busy, onSubmit } = useAccountForm({
    schema: passwordResetRequestBody,
    read: (data) => ({ email: data.get('email') }),
    action: async ({ email }) => {
      await requestPasswordReset(email);
      setSentTo(email);
    },
  });

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
    <form onSubmit={onSubmit} aria-label="Reset password" noValidate>
      <p>Enter the address of your account and we will mail you a link to choose a new password.</p>
      <Field label="Email" name="email" type="email" autoComplete="email" error={errors.email} />
      <ErrorNote message={failure} />
      <button type="submit" disabled={busy}>
        {busy ? 'Sending…' : 'Send reset link'}
      </button>
    </form>
  );
}
