import { useState, type FormEvent } from 'react';
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
  const [error, setError] = useState<string>();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const key = keyFromText(formText(new FormData(e.currentTarget), 'key'));
    if (!key) {
      return setError(
        'That is not a meeting key. Paste the whole invite link you were sent, including the part after #key=.',
      );
    }
    rememberKey(code, key, 'session');
    onKey(key);
  };
  return (
    <main className="center">
      <form
        className="card key-prompt"
        onSubmit={submit}
        aria-label="Meeting key"
        data-testid="key-prompt"
        noValidate
      >
        <h1>{title}</h1>
        <p role="status">
          This meeting is end-to-end encrypted, and you need its key to join. Paste the full invite
          link the host shared: the key is the part after <code>#key=</code>, and it never reaches
          our servers.
        </p>
        <Field label="Invite link or key" name="key" autoComplete="off" error={error} />
        <button type="submit">Use this key</button>
        <E2eeNotice />
      </form>
    </main>
  );
}
