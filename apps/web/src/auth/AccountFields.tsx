import { MIN_PASSWORD_LENGTH } from '@gomeet/protocol';
import { useTranslation } from 'react-i18next';
import { Field } from '../ui/Field';

/** The account's email address, asked for alike by every form that needs it. */
export function EmailField({ error }: { error: string | undefined }) {
  const { t } = useTranslation('auth');
  return (
    <Field label={t('fields.email')} name="email" type="email" autoComplete="email" error={error} />
  );
}

interface PasswordFieldProps {
  /** 'new' asks password managers for a fresh password and states the length rule. */
  purpose: 'current' | 'new';
  label: string;
  name: string;
  error: string | undefined;
}

/** A password input, autocompleted and explained according to its purpose. */
export function PasswordField({ purpose, label, name, error }: PasswordFieldProps) {
  const { t } = useTranslation('auth');
  return (
    <Field
      label={label}
      name={name}
      type="password"
      autoComplete={`${purpose}-password`}
      hint={purpose === 'new' ? t('fields.passwordHint', { min: MIN_PASSWORD_LENGTH }) : undefined}
      error={error}
    />
  );
}
