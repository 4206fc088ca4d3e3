import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../api/problem';

/** Loads `load()` now and on `reload()`; keeps the last value while reloading. */
export function useLoader<T>(load: () => Promise<T>) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      setValue(await load());
      setError(null);
    } catch (e) {
      setError(describeError(e));
    }
  }, [load]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { value, error, setError, reload };
}
