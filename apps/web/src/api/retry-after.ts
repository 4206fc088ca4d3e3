import { i18n } from '../i18n';
import { ApiError } from './problem';

/** Longest wait the app sits through by itself; beyond it the refusal is shown as an error. */
const MAX_WAIT_SECONDS = 120;

export interface RetryOptions {
  /** Called each second while waiting with the seconds left, then with null as it tries again. */
  onWait: (secondsLeft: number | null) => void;
  /** Tries in all, the first included. */
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Calls `call`; when the API answers 429 with Retry-After, counts the seconds down through
 * `onWait` and tries again, so a crowd arriving at once is slowed, not turned away.
 */
export async function retryWhenBusy<T>(call: () => Promise<T>, options: RetryOptions): Promise<T> {
  const { onWait, maxAttempts = 6, sleep = pause } = options;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const wait = error instanceof ApiError && error.status === 429 ? error.retryAfter : undefined;
      if (!wait || wait > MAX_WAIT_SECONDS || attempt >= maxAttempts) throw error;
      for (let left = Math.ceil(wait); left > 0; left--) {
        onWait(left);
        await sleep(1000);
      }
      onWait(null);
    }
  }
}

/** The countdown sentence shown while waiting to join or sign in. */
export function busyMessage(what: 'join' | 'sign-in', seconds: number): string {
  return what === 'join' ? i18n.t('busy.join', { seconds }) : i18n.t('busy.signIn', { seconds });
}
