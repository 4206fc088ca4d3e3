import { MIN_PASSWORD_LENGTH, registerBody } from '@gomeet/protocol';
import { useState, type FormEvent } from 'react';
import { register } from '../api/auth';
import { describeError } from '../api/problem';
import { ErrorNote } from '../ui/ErrorNote';
import { Field } from '../ui/Field';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '../ui/field-errors';

export function SignUpForm() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

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
    try {
      await register(parsed.data);
    } catch (error) {
      setErrors(apiFieldErrors(error));
      setFailure(describeError(error));
      setBusy(false);
    }
  };

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
