import { useState, type FormEvent } from 'react';
import { keyFromText, rememberKey } from '../e2ee/meeting-key';
import { navigate, parseMeetingCode } from '../router';
import { Field } from '../ui/Field';
import { formText } from '../ui/form-text';
import { useTranslation } from 'react-i18next';

/** Takes a meeting code or an invite link and goes to that meeting's pre-join screen. */
export function JoinByCodeForm() {
  const { t } = useTranslation('auth');
  const [error, setError] = useState<string>();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const [link = '', fragment] = formText(new FormData(e.currentTarget), 'code').split('#', 2);
    const code = parseMeetingCode(link);
    if (!code) return setError(t('join.badCode'));
    // An end-to-end encrypted meeting's link: its key stays in this tab, as from a clicked link.
    const key = fragment === undefined ? null : keyFromText(`#${fragment}`);
    if (key) rememberKey(code, key, 'session');
    navigate(`/m/${code}`);
  };
  return (
    <form onSubmit={submit} aria-label={t('join.form')} noValidate className="join-code">
      <Field
        label={t('join.codeLabel')}
        name="code"
        placeholder="abc-defg-hij"
        autoComplete="off"
        error={error}
      />
      <button type="submit">{t('join.submit')}</button>
    </form>
  );
}
