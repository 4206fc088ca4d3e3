import { useCallback, useState } from 'react';
import { describeError } from '../../api/problem';

/** Runs a host action, one at a time, keeping the last failure as a sentence. */
export function useHostAction() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback((action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    action()
      .catch((e: unknown) => setError(describeError(e)))
      .finally(() => setBusy(false));
  }, []);
  return { run, error, busy };
}
