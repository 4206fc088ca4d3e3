import { beforeAll, describe, expect, it } from 'vitest';
import { startI18n } from '../i18n';
import { ApiError, describeError, toApiError } from './problem';

// The app's sentences come from the English strings.
beforeAll(() => startI18n('en'));

const problem = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

describe('toApiError', () => {
  it('reads the kind from the problem type and keeps field errors', async () => {
    const error = await toApiError(
      problem(400, {
        type: 'https://gomeet.dev/problems/validation',
        title: 'Invalid request',
        status: 400,
        detail: 'password must be at least 12 characters',
        errors: [{ field: 'body.password', message: 'password must be at least 12 characters' }],
      }),
    );
    expect(error).toMatchObject({ status: 400, kind: 'validation' });
    expect(error.message).toBe('password must be at least 12 characters');
    expect(error.fieldErrors).toEqual([
      { field: 'body.password', message: 'password must be at least 12 characters' },
    ]);
  });

  it('copes with a body that is not JSON', async () => {
    const error = await toApiError(new Response('<html>Bad gateway</html>', { status: 502 }));
    expect(error).toMatchObject({ status: 502, kind: 'http-502' });
  });
});

describe('describeError', () => {
  it('speaks plainly about the failures people meet when joining', () => {
    const says = (status: number, kind: string) => describeError(new ApiError(status, kind, 'x'));
    expect(says(403, 'wrong-passcode')).toMatch(/passcode is not right/);
    expect(says(409, 'meeting-full')).toMatch(/meeting is full/);
    expect(says(410, 'meeting-ended')).toBe('This meeting has ended.');
    expect(says(404, 'meeting-not-found')).toMatch(/no meeting with this code/);
    expect(says(503, 'unavailable')).toMatch(/problem on its side/);
  });
});
