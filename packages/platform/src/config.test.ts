import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, baseEnv, parseConfig } from './config.js';

describe('parseConfig', () => {
  const schema = z.object({
    ...baseEnv,
    LIVEKIT_API_SECRET: z.string().min(32, 'expected at least 32 characters'),
  });

  it('applies defaults for what is not set', () => {
    const config = parseConfig(schema, { LIVEKIT_API_SECRET: 'x'.repeat(32) });
    expect(config.PORT).toBe(8080);
    expect(config.GOMEET_DATA_DIR).toBe('./.data');
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('names every bad variable and what it expected, without echoing values', () => {
    let error: unknown;
    try {
      parseConfig(schema, {
        PORT: 'eighty',
        DATABASE_URL: 'mysql://secret-host/db',
        LIVEKIT_API_SECRET: 'short-secret',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('PORT');
    expect(message).toContain('DATABASE_URL: expected a postgres:// or postgresql:// URL');
    expect(message).toContain('LIVEKIT_API_SECRET: expected at least 32 characters');
    expect(message).not.toContain('secret-host');
    expect(message).not.toContain('short-secret');
  });

  it('says when a required variable is missing', () => {
    expect(() => parseConfig(schema, {})).toThrow(/LIVEKIT_API_SECRET: .*\(missing\)/);
  });
});
