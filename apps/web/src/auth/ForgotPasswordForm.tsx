import { passwordResetRequestBody } from '@gomeet/protocol';
import { useState } from 'react';
import { ErrorNote } from '../ui/ErrorNote';
import { EmailField } from './AccountFields';
import { requestPasswordReset } from './account-api';
import { useAccountForm } from './use-account-form';
import { useMailDelivery } from './use-mail-delivery';
import { useTranslation } from 'react-i18next';

/** Asks for a reset link by email; says the same whether or not the address has an account. */
export function ForgotPasswordForm() {
  const { t } = useTranslation('auth');
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

  if (delivery?.mode === 'off') return <p>{t('forgot.noMail')}</p>;
  if (sentTo)
    return (
      <p role="status" data-testid="reset-requested">
        {delivery?.mode === 'folder'
          ? t('forgot.sentFolder', { email: sentTo, folder: delivery.folder })
          : t('forgot.sentInbox', { email: sentTo })}
      </p>
    );
  return (
    <form onSubmit={onSubmit} aria-label={t('forgot.form')} noValidate>
      <p>{t('forgot.intro')}</p>
      <EmailField error={errors.email} />
      <ErrorNote message={failure} />
      <button type="submit" disabled={busy}>
        {busy ? t('forgot.busy') : t('forgot.submit')}
      </button>
    </form>
  );
}
