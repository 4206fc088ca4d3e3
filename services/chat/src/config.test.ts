import { ConfigError, parseConfig } from '@gomeet/platform';
import { describe, expect, it } from 'vitest';
import { chatConfig, chatLimits } from './config.js';
import { MESSAGE_RATE } from './messages/limits.js';

const base = { REDIS_URL: 'redis://127.0.0.1:6379', AUTH_JWKS_URL: 'http://auth/jwks' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(chatConfig, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('chat-service configuration', () => {
  it('limits messages to 10 per 10 s by default, and takes the limit from the environment', () => {
    expect(chatLimits(parseConfig(chatConfig, base))).toEqual(MESSAGE_RATE);
    expect(MESSAGE_RATE).toEqual({ limit: 10, windowMs: 10_000 });
    const tuned = parseConfig(chatConfig, {
      ...base,
      CHAT_MESSAGES_PER_WINDOW: '1000',
      CHAT_MESSAGE_WINDOW_SECONDS: '1',
    });
    expect(chatLimits(tuned)).toEqual({ limit: 1000, windowMs: 1000 });
    expect(problemsOf({ ...base, CHAT_MESSAGES_PER_WINDOW: '0' }).join(' ')).toMatch(
      /CHAT_MESSAGES_PER_WINDOW/,
    );
  });
});
