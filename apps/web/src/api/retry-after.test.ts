import { beforeAll, describe, expect, it } from 'vitest';
import { startI18n } from '../i18n';
import { ApiError } from './problem';
import { busyMessage, retryWhenBusy } from './retry-after';

// The app's sentences come from the English strings.
beforeAll(() => startI18n('en'));

function throttled(retryAfter: number): ApiError {
  const error = new ApiError(429, 'slow-down', 'Many people are joining');
  error.retryAfter = retryAfter;
  return error;
}

describe('retryWhenBusy', () => {
  it('counts Retry-After down second by second and tries again', async () => {
    const answers: (ApiError | string)[] = [throttled(3), throttled(1), 'in'];
    const waits: (number | null)[] = [];
    const slept: number[] = [];
    const result = await retryWhenBusy(
      () => {
        const next = answers.shift()!;
        return next instanceof ApiError ? Promise.reject(next) : Promise.resolve(next);
      },
      { onWait: (s) => waits.push(s), sleep: async (ms) => void slept.push(ms) },
    );
    expect(result).toBe('in');
    expect(waits).toEqual([3, 2, 1, null, 1, null]);
    expect(slept).toEqual([1000, 1000, 1000, 1000]);
  });

  it('gives up after its attempts, and never retries other errors', async () => {
    const quick = { onWait: () => undefined, sleep: async () => undefined, maxAttempts: 3 };
    let calls = 0;
    await expect(
      retryWhenBusy(() => {
        calls += 1;
        return Promise.reject(throttled(1));
      }, quick),
    ).rejects.toMatchObject({ status: 429 });
    expect(calls).toBe(3);
    calls = 0;
    await expect(
      retryWhenBusy(() => {
        calls += 1;
        return Promise.reject(new ApiError(409, 'meeting-full', 'full'));
      }, quick),
    ).rejects.toMatchObject({ kind: 'meeting-full' });
    expect(calls).toBe(1);
  });

  it('says what is happening while it waits', () => {
    expect(busyMessage('join', 3)).toBe(
      'Too many people are joining right now — trying again in 3 s',
    );
  });
});
