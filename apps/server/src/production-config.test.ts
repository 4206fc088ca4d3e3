import { authConfigSchema } from '@gomeet/auth';
import { chatConfig } from '@gomeet/chat';
import { meetingConfig } from '@gomeet/meeting';
import { ConfigError, DEV_TURN_SECRET, parseConfig } from '@gomeet/platform';
import { signalingConfig } from '@gomeet/signaling';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { serverEnv } from './config.js';

function problemsOf(schema: z.ZodType, env: Record<string, string>): string[] {
  try {
    parseConfig(schema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

const strong = 's'.repeat(40);
const production = { NODE_ENV: 'production', METRICS_PORT: '9464' };
const jwks = 'http://auth:8080/api/auth/.well-known/jwks.json';

// Each process's production environment, complete and strong; the tests weaken one secret.
const processes = {
  'all-in-one server': {
    schema: serverEnv,
    env: { ...production, LIVEKIT_API_KEY: 'key', LIVEKIT_API_SECRET: strong, TURN_SECRET: strong },
    secrets: ['LIVEKIT_API_SECRET', 'TURN_SECRET'],
  },
  'auth-service': {
    schema: authConfigSchema,
    env: { ...production, TURN_SECRET: strong },
    secrets: ['TURN_SECRET'],
  },
  'meeting-service': {
    schema: meetingConfig,
    env: {
      ...production,
      LIVEKIT_URL: 'wss://lk.example',
      LIVEKIT_API_KEY: 'key',
      LIVEKIT_API_SECRET: strong,
      AUTH_JWKS_URL: jwks,
      TURN_SECRET: strong,
      TURN_URLS: 'turn:turn.example:3478',
    },
    secrets: ['LIVEKIT_API_SECRET', 'TURN_SECRET'],
  },
  'signaling-service': {
    schema: signalingConfig,
    env: {
      ...production,
      AUTH_JWKS_URL: jwks,
      LIVEKIT_API_KEY: 'key',
      LIVEKIT_API_SECRET: strong,
      REDIS_URL: 'redis://redis:6379',
    },
    secrets: ['LIVEKIT_API_SECRET'],
  },
} satisfies Record<string, { schema: z.ZodType; env: Record<string, string>; secrets: string[] }>;

describe.each(Object.entries(processes))('%s in production', (_name, { schema, env, secrets }) => {
  it('starts with strong secrets of its own', () => {
    expect(problemsOf(schema, env)).toEqual([]);
  });

  it.each(secrets)('refuses a %s under 32 characters or published in this repository', (name) => {
    // (The all-in-one server also asks for 32 characters outside production.)
    expect(problemsOf(schema, { ...env, [name]: 'x'.repeat(31) })).toContain(
      `${name}: expected at least 32 characters in production`,
    );
    for (const published of [DEV_TURN_SECRET, 'test-secret-of-at-least-thirty-two-chars']) {
      expect(problemsOf(schema, { ...env, [name]: published })).toEqual([
        `${name}: is a published development value; generate a secret of your own in production`,
      ]);
    }
  });

  it('refuses to serve /metrics on the public port', () => {
    const { METRICS_PORT: _, ...withoutMetricsPort } = env;
    expect(problemsOf(schema, withoutMetricsPort)).toEqual([
      'METRICS_PORT: required when NODE_ENV=production (metrics are served apart from the public port)',
    ]);
  });
});

describe('the chat-service in production', () => {
  it('needs a metrics port apart from the public one', () => {
    const env = { NODE_ENV: 'production', AUTH_JWKS_URL: jwks, REDIS_URL: 'redis://r:6379' };
    expect(problemsOf(chatConfig, env)).toEqual([
      'METRICS_PORT: required when NODE_ENV=production (metrics are served apart from the public port)',
    ]);
    expect(problemsOf(chatConfig, { ...env, METRICS_PORT: '8080' })).toEqual([
      'METRICS_PORT: expected a port other than PORT',
    ]);
    expect(problemsOf(chatConfig, { ...env, METRICS_PORT: '9464' })).toEqual([]);
  });
});

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default, and takes a hop count or addresses and CIDRs', () => {
    expect(parseConfig(serverEnv, {}).TRUST_PROXY).toBe(false);
    expect(parseConfig(serverEnv, { TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(parseConfig(serverEnv, { TRUST_PROXY: '10.110.0.0/20, 127.0.0.1' }).TRUST_PROXY).toEqual(
      ['10.110.0.0/20', '127.0.0.1'],
    );
  });

  it('refuses "true", which would let any client forge its address', () => {
    expect(problemsOf(serverEnv, { TRUST_PROXY: 'true' })[0]).toMatch(
      /^TRUST_PROXY: expected a hop count or a comma-separated list/,
    );
  });
});
