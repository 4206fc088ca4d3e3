import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Field } from '../ui/Field';
import { formText } from '../ui/form-text';
import { E2eeNotice } from './E2eeNotice';
import { keyFromText, rememberKey } from './meeting-key';

interface KeyPromptProps {
  code: string;
  title: string;
  onKey: (key: string) => void;
}

/** Asks for the key of an end-to-end encrypted meeting when this browser has none. */
export function KeyPrompt({ code, title, onKey }: KeyPromptProps) {
  const { t } = useTranslation('e2ee');
  const [error, setError] = useState<string>();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const key = keyFromText(formText(new FormData(e.currentTarget), 'key'));
    if (!key) {
      return setError(t('prompt.notAKey'));
    }
    rememberKey(code, key, 'session');
    onKey(key);
  };
  return (
    <main className="center">
      <form
        className="card key-prompt"
        onSubmit={submit}
        aria-label={t('prompt.label')}
        data-testid="key-prompt"
        noValidate
      >
        <h1>{title}</h1>
        <p role="status">
          <Trans t={t} i18nKey="prompt.intro" components={{ code: <code /> }} />
        </p>
        <Field label={t('prompt.field')} name="key" autoComplete="off" error={error} />
        <button type="submit">{t('prompt.submit')}</button>
        <E2eeNotice />
      </form>
    </main>
  );
}
