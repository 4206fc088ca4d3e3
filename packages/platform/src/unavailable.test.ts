import { describe, expect, it } from 'vitest';
import { isDependencyUnavailable } from './unavailable.js';

describe('isDependencyUnavailable', () => {
  it('recognises a refused or reset connection, also when wrapped', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    expect(isDependencyUnavailable(refused)).toBe(true);
    expect(isDependencyUnavailable(new Error('query failed', { cause: refused }))).toBe(true);
    expect(isDependencyUnavailable(new AggregateError([refused]))).toBe(true);
  });

  it('recognises PostgreSQL shutting down and ioredis giving up', () => {
    expect(
      isDependencyUnavailable(Object.assign(new Error('terminating'), { code: '57P01' })),
    ).toBe(true);
    expect(isDependencyUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDependencyUnavailable(new Error('Connection is closed.'))).toBe(true);
    const retries = new Error('Reached the max retries per request limit (which is 1).');
    retries.name = 'MaxRetriesPerRequestError';
    expect(isDependencyUnavailable(retries)).toBe(true);
  });

  it('leaves bugs and constraint violations alone', () => {
    expect(isDependencyUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(
      isDependencyUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' })),
    ).toBe(false);
    expect(isDependencyUnavailable(undefined)).toBe(false);
  });
});
