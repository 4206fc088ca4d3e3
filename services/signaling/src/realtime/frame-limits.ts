/** The frame kinds limited separately on one socket; `invalid` counts frames that fail to parse. */
export type FrameKind = 'ping' | 'hand' | 'media' | 'reaction' | 'hello' | 'invalid';

/** A token bucket's shape: at most `burst` frames at once, refilled at `perSecond`. */
export interface BucketLimit {
  burst: number;
  perSecond: number;
}

/**
 * Per-socket limits, per frame kind. Generous for people (a ping every 20 s; a few clicks on
 * mic, camera and hand a second), tight enough that one socket cannot make the meeting's
 * fan-out its amplifier: every accepted `hand`/`media` frame is a message to every member.
 */
export const FRAME_LIMITS: Readonly<Record<FrameKind, BucketLimit>> = {
  ping: { burst: 5, perSecond: 1 },
  hand: { burst: 5, perSecond: 0.5 },
  media: { burst: 10, perSecond: 2 },
  reaction: { burst: 10, perSecond: 1 },
  hello: { burst: 2, perSecond: 0.1 },
  invalid: { burst: 10, perSecond: 1 },
};

/**
 * What to do with a frame: handle it; drop it after warning the client (the first frame over
 * the limit); drop it silently (further frames over it); or close the socket (a whole further
 * burst sent while over the limit: the client ignores the warning).
 */
export type FrameVerdict = 'ok' | 'warn' | 'drop' | 'close';

interface Bucket {
  tokens: number;
  at: number;
  /** Frames refused since the last one accepted. */
  over: number;
}

/**
 * The token buckets of one socket, created lazily per kind (most sockets only ever ping).
 * Kept in the connection object: no timers, no shared state, a few numbers per kind.
 */
export class FrameLimiter {
  private readonly buckets = new Map<FrameKind, Bucket>();

  constructor(
    private readonly limits: Readonly<Record<FrameKind, BucketLimit>> = FRAME_LIMITS,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Takes one token for a frame of `kind` and says what to do with the frame. */
  take(kind: FrameKind): FrameVerdict {
    const limit = this.limits[kind];
    const now = this.clock();
    let bucket = this.buckets.get(kind);
    if (!bucket) {
      bucket = { tokens: limit.burst, at: now, over: 0 };
      this.buckets.set(kind, bucket);
    }
    bucket.tokens = Math.min(
      limit.burst,
      bucket.tokens + ((now - bucket.at) / 1000) * limit.perSecond,
    );
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.over = 0;
      return 'ok';
    }
    bucket.over += 1;
    if (bucket.over === 1) return 'warn';
    return bucket.over > limit.burst ? 'close' : 'drop';
  }
}
