import { describe, expect, it } from 'vitest';
import { FrameLimiter } from './frame-limits.js';

const limits = {
  ping: { burst: 2, perSecond: 1 },
  hand: { burst: 3, perSecond: 1 },
  media: { burst: 3, perSecond: 1 },
  reaction: { burst: 3, perSecond: 1 },
  hello: { burst: 1, perSecond: 1 },
  invalid: { burst: 3, perSecond: 1 },
};

describe('FrameLimiter', () => {
  it('allows a burst, warns once past it, drops, then closes after a further burst', () => {
    const now = 0;
    const limiter = new FrameLimiter(limits, () => now);
    const verdicts = Array.from({ length: 8 }, () => limiter.take('hand'));
    expect(verdicts).toEqual(['ok', 'ok', 'ok', 'warn', 'drop', 'drop', 'close', 'close']);
  });

  it('refills over time and forgives a client that slowed down', () => {
    let now = 0;
    const limiter = new FrameLimiter(limits, () => now);
    for (let i = 0; i < 3; i += 1) limiter.take('media');
    expect(limiter.take('media')).toBe('warn');
    now += 1000;
    expect(limiter.take('media')).toBe('ok');
    expect(limiter.take('media')).toBe('warn');
  });

  it('keeps a bucket per frame kind', () => {
    const limiter = new FrameLimiter(limits, () => 0);
    for (let i = 0; i < 3; i += 1) limiter.take('hand');
    expect(limiter.take('hand')).toBe('warn');
    expect(limiter.take('media')).toBe('ok');
    expect(limiter.take('ping')).toBe('ok');
  });
});
