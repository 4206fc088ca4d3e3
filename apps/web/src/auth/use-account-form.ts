import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { describeError } from '../api/problem';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '../ui/field-errors';

/**
 * The life of an account form: read and check its fields with `schema`, run `action`, and keep
 * the field errors, the failure sentence, busy and done for the form to show.
 */
export function useAccountForm<T>(options: {
  schema: z.ZodType<T>;
  read: (data: FormData) => unknown;
  action: (input: T, form: HTMLFormElement) => Promise<void>;
  describe?: (error: unknown) => string;
}) {
  const { schema, read, action, describe = describeError } = options;
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async (form: HTMLFormElement) => {
    const parsed = schema.safeParse(read(new FormData(form)));
    setFailure(null);
    setDone(false);
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    setBusy(true);
    try {
      await action(parsed.data, form);
      setDone(true);
    } catch (error) {
      setErrors(apiFieldErrors(error));
      setFailure(describe(error));
    } finally {
      setBusy(false);
    }
  };
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    void submit(e.currentTarget);
  };
  return { errors, failure, busy, done, onSubmit };
}
