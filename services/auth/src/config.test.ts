import { ConfigError, parseConfig } from '@gomeet/platform';
import { describe, expect, it } from 'vitest';
import { authConfigSchema, authLimits, authMail, DEV_TURN_SECRET, turnSettings } from './config.js';
import { DEFAULT_AUTH_LIMITS } from './defaults.js';

const privateKey = {
  kty: 'OKP',
  crv: 'Ed25519',
  x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
  d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A',
  kid: 'k1',
  alg: 'EdDSA',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(authConfigSchema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('auth-service configuration', () => {
  it('sends mail over SMTP_URL, else to the data folder, and never echoes a bad SMTP_URL', () => {
    const local = parseConfig(authConfigSchema, { GOMEET_DATA_DIR: '/var/gomeet' });
    expect(authMail(local, { dataDir: '/var/gomeet', appUrl: local.PUBLIC_URL })).toMatchObject({
      appUrl: 'http://localhost:8080',
      mailer: { delivery: { mode: 'folder', folder: '/var/gomeet/mail' } },
    });
    const smtp = parseConfig(authConfigSchema, { SMTP_URL: 'smtps://u:p@mail.example:465' });
    expect(
      authMail(smtp, { dataDir: '.', appUrl: 'https://meet.example' }).mailer.delivery,
    ).toEqual({
      mode: 'smtp',
    });
    const problems = problemsOf({ SMTP_URL: 'mail.example:25 with-secret-password' }).join(' ');
    expect(problems).toMatch(/SMTP_URL.*expected an smtp:\/\/ or smtps:\/\/ URL/);
    expect(problems).not.toContain('secret-password');
  });

  it('has the documented rate limits by default, and takes them from the environment', () => {
    expect(authLimits(parseConfig(authConfigSchema, {}))).toEqual(DEFAULT_AUTH_LIMITS);
    const tuned = parseConfig(authConfigSchema, {
      GUEST_PASS_LIMIT_PER_ADDRESS: '3000',
      LOGIN_LIMIT_WINDOW_SECONDS: '300',
    });
    expect(authLimits(tuned)).toMatchObject({
      guestPassesPerAddress: 3000,
      loginWindowMs: 300_000,
    });
    expect(problemsOf({ LOGIN_FAILURE_LIMIT_PER_ADDRESS: '0' }).join(' ')).toMatch(
      /LOGIN_FAILURE_LIMIT_PER_ADDRESS/,
    );
  });

  it('runs in development with the dev TURN secret and the local TURN URL', () => {
    const config = parseConfig(authConfigSchema, {});
    expect(turnSettings(config)).toEqual({
      secret: DEV_TURN_SECRET,
      urls: ['turn:localhost:3478?transport=udp'],
      ttlSeconds: 86_400,
    });
    expect(config.JWT_SIGNING_KEYS).toBeUndefined();
  });

  it('requires a TURN secret and a metrics port in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      'METRICS_PORT: required when NODE_ENV=production (metrics are served apart from the public port)',
      'TURN_SECRET: required in production (coturn static-auth-secret)',
    ]);
  });

  it('refuses the published dev TURN secret and short ones in production', () => {
    const production = { NODE_ENV: 'production', METRICS_PORT: '9464' };
    expect(problemsOf({ ...production, TURN_SECRET: DEV_TURN_SECRET })).toEqual([
      'TURN_SECRET: is a published development value; generate a secret of your own in production',
    ]);
    expect(problemsOf({ ...production, TURN_SECRET: 'a'.repeat(31) })).toEqual([
      'TURN_SECRET: expected at least 32 characters in production',
    ]);
    expect(problemsOf({ ...production, TURN_SECRET: 'a'.repeat(32) })).toEqual([]);
    // Development keeps working with the dev constant.
    expect(problemsOf({ TURN_SECRET: DEV_TURN_SECRET })).toEqual([]);
  });

  it('splits TURN_URLS on commas and refuses non-TURN URLs', () => {
    const config = parseConfig(authConfigSchema, {
      TURN_URLS: 'turn:a:3478?transport=udp, turns:a:5349',
    });
    expect(config.TURN_URLS).toEqual(['turn:a:3478?transport=udp', 'turns:a:5349']);
    expect(problemsOf({ TURN_URLS: 'http://a' })[0]).toMatch(
      /^TURN_URLS\.0: expected turn:, turns: or stun: URLs/,
    );
  });

  it('reads JWT_SIGNING_KEYS as a JSON array of private JWKs', () => {
    const config = parseConfig(authConfigSchema, {
      JWT_SIGNING_KEYS: JSON.stringify([privateKey]),
    });
    expect(config.JWT_SIGNING_KEYS?.[0]?.kid).toBe('k1');
  });

  it('names a bad JWT_SIGNING_KEYS without echoing its secret value', () => {
    const notJson = problemsOf({ JWT_SIGNING_KEYS: 'super-secret-material{' });
    expect(notJson).toEqual(['JWT_SIGNING_KEYS: expected a JSON array of private JWKs']);
    const noKid = problemsOf({
      JWT_SIGNING_KEYS: JSON.stringify([{ ...privateKey, kid: undefined }]),
    });
    expect(noKid).toEqual(['JWT_SIGNING_KEYS.0.kid: expected a key id (kid) (missing)']);
    expect(JSON.stringify(noKid)).not.toContain(privateKey.d);
    const wrongAlg = problemsOf({
      JWT_SIGNING_KEYS: JSON.stringify([{ ...privateKey, alg: 'HS256' }]),
    });
    expect(wrongAlg[0]).toMatch(/^JWT_SIGNING_KEYS\.0\.alg: expected alg "EdDSA" or "ES256"/);
  });
});
