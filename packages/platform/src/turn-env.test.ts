import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEV_TURN_SECRET } from './secrets.js';
import { checkTurnEnv, turnEnv, turnSettingsFrom } from './turn-env.js';

const schema = z
  .object({ NODE_ENV: z.string().default('development'), ...turnEnv })
  .superRefine((env, ctx) => checkTurnEnv(env, ctx));
const problems = (env: Record<string, string>) => {
  const r = schema.safeParse(env);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the TURN variables every process shares', () => {
  it('requires a strong, unpublished TURN_SECRET in production only', () => {
    expect(problems({ NODE_ENV: 'production' })).toEqual([
      'TURN_SECRET: required in production (coturn static-auth-secret)',
    ]);
    expect(problems({ NODE_ENV: 'production', TURN_SECRET: 'a'.repeat(31) })).toEqual([
      'TURN_SECRET: expected at least 32 characters in production',
    ]);
    expect(problems({ NODE_ENV: 'production', TURN_SECRET: DEV_TURN_SECRET })).toHaveLength(1);
    expect(problems({ NODE_ENV: 'production', TURN_SECRET: 'a'.repeat(32) })).toEqual([]);
    expect(problems({})).toEqual([]);
  });

  it('refuses non-TURN URLs and TTLs outside a minute to a week', () => {
    expect(problems({ TURN_URLS: 'turn:a:3478, http://a' })[0]).toMatch(
      /^TURN_URLS\.1: expected turn:, turns: or stun: URLs/,
    );
    expect(problems({ TURN_TTL_SECONDS: '59' })).toHaveLength(1);
    expect(problems({ TURN_TTL_SECONDS: String(7 * 86400 + 1) })).toHaveLength(1);
  });

  it('builds settings from TURN_URLS or the fallback, and none without URLs', () => {
    const env = schema.parse({ TURN_URLS: 'turns:t:5349' });
    expect(turnSettingsFrom(env)).toEqual({
      secret: DEV_TURN_SECRET,
      urls: ['turns:t:5349'],
      ttlSeconds: 86400,
    });
    expect(turnSettingsFrom(schema.parse({}))).toBeUndefined();
    expect(turnSettingsFrom(schema.parse({}), ['turn:localhost:3478'])?.urls).toEqual([
      'turn:localhost:3478',
    ]);
  });
});
