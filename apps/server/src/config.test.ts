import { ConfigError, parseConfig } from '@gomeet/platform';
import { describe, expect, it } from 'vitest';
import { serverEnv } from './config.js';

describe('server configuration', () => {
  it('runs with nothing set: port 8080 on loopback, embedded database, LiveKit and secrets', () => {
    const config = parseConfig(serverEnv, {});
    expect(config).toMatchObject({ PORT: 8080, HOST: '127.0.0.1', LIVEKIT_PORT: 7880 });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.LIVEKIT_URL).toBeUndefined();
    // Unset: the embedded coturn's URLs when it runs (start.ts), else turn:localhost:3478.
    expect(config.TURN_URLS).toBeUndefined();
    expect(config.TURN_BIN).toBe('turnserver');
  });

  it('refuses generated secrets in production, naming each variable', () => {
    expect(() => parseConfig(serverEnv, { NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => parseConfig(serverEnv, { NODE_ENV: 'production' })).toThrow(
      /METRICS_PORT[\s\S]*TURN_SECRET[\s\S]*LIVEKIT_API_KEY[\s\S]*LIVEKIT_API_SECRET/,
    );
  });

  it('names a bad LIVEKIT_URL and malformed JWT_SIGNING_KEYS without echoing them', () => {
    let message = '';
    try {
      parseConfig(serverEnv, {
        LIVEKIT_URL: 'http://sfu.example',
        JWT_SIGNING_KEYS: '{"secret-ish',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('LIVEKIT_URL: expected a ws:// or wss:// URL');
    expect(message).toContain('JWT_SIGNING_KEYS: expected a JSON array of private JWKs');
    expect(message).not.toContain('secret-ish');
  });
});
