import { useState, type FormEvent } from 'react';
import { keyFromText, rememberKey } from '../e2ee/meeting-key';
import { navigate, parseMeetingCode } from '../router';
import { Field } from '../ui/Field';
import { formText } from '../ui/form-text';

/** Takes a meeting code or an invite link and goes to that meeting's pre-join screen. */
export function JoinByCodeForm() {
  const [error, setError] = useState<string>();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const [link = '', fragment] = formText(new FormData(e.currentTarget), 'code').split('#', 2);
    const code = parseMeetingCode(link);
    if (!code) return setError('Enter a code like abc-defg-hij, or paste the invite link.');
    // An end-to-end encrypted meeting's link: its key stays in this tab, as from a clicked link.
    const key = fragment === undefined ? null : keyFromText(`#${fragment}`);
    if (key) rememberKey(code, key, 'session');
    navigate(`/m/${code}`);
  };
  return (
    <form onSubmit={submit} aria-label="Join a meeting" noValidate className="join-code">
      <Field
        label="Meeting code or link"
        name="code"
        placeholder="abc-defg-hij"
        autoComplete="off"
        error={error}
      />
      <button type="submit">Join</button>
    </form>
  );
}
