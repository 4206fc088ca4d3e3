import type { Redis } from 'ioredis';
import type { Bus } from './bus.js';

/** The bus topic on which auth-service announces signed-out sessions to every process. */
export const SESSION_REVOKED_TOPIC = 'auth:session-revoked';
/** The Redis sorted set (score: when the entry may be forgotten) a new process loads at start. */
export const SESSION_REVOKED_KEY = 'auth:revoked-sessions';

/** How long a revocation is remembered by default: the 15-minute access token, plus clock skew. */
export const DEFAULT_REVOCATION_TTL_MS = 16 * 60_000;

/**
 * Sessions signed out before their access tokens expired. Verifiers ask `isRevoked` on every
 * token (a map lookup, no I/O); auth-service calls `revoke` on logout, which reaches every
 * process over the bus and, with Redis, is kept for processes that start later.
 */
export interface SessionRevocations {
  /** True when the session (`sid` claim) was signed out and its tokens may still be unexpired. */
  isRevoked(sessionId: string): boolean;
  /** Revokes a session everywhere for `ttlMs` (the longest its access tokens can still live). */
  revoke(sessionId: string, ttlMs?: number): Promise<void>;
  /** Calls `listener` for each revocation this process hears of (signaling closes sockets). */
  onRevoked(listener: (sessionId: string) => void): () => void;
  /** Resolves once the bus subscription (and, with Redis, the backlog) is in place. */
  ready: Promise<void>;
  close(): Promise<void>;
}

interface RevokedMessage {
  sid: string;
  until: number;
}

/**
 * Revocations shared over `bus`. With `redis`, each one is also kept in a sorted set until its
 * tokens expire, and a new process loads the set at start, so a pod started after a logout
 * refuses the session's tokens too.
 */
export function createSessionRevocations(options: {
  bus: Bus;
  redis?: Redis | undefined;
  now?: () => number;
}): SessionRevocations {
  const now = options.now ?? Date.now;
  const revoked = new Map<string, number>();
  const listeners = new Set<(sessionId: string) => void>();
  const remember = (sid: string, until: number) => {
    if (until <= now()) return;
    const known = revoked.get(sid);
    revoked.set(sid, Math.max(until, known ?? 0));
    if (revoked.size > 10_000) {
      const t = now();
      for (const [k, v] of revoked) if (v <= t) revoked.delete(k);
    }
    if (known === undefined) for (const listener of listeners) listener(sid);
  };
  let unsubscribe: (() => Promise<void>) | undefined;
  const ready = (async () => {
    unsubscribe = await options.bus.subscribe(SESSION_REVOKED_TOPIC, (raw) => {
      const message = raw as Partial<RevokedMessage>;
      if (typeof message.sid === 'string' && typeof message.until === 'number')
        remember(message.sid, message.until);
    });
    if (options.redis) {
      const t = now();
      await options.redis.zremrangebyscore(SESSION_REVOKED_KEY, '-inf', t);
      const rows = await options.redis.zrangebyscore(SESSION_REVOKED_KEY, t, '+inf', 'WITHSCORES');
      for (let i = 0; i + 1 < rows.length; i += 2) remember(rows[i]!, Number(rows[i + 1]));
    }
  })();
  return {
    isRevoked(sessionId) {
      const until = revoked.get(sessionId);
      if (until === undefined) return false;
      if (until > now()) return true;
      revoked.delete(sessionId);
      return false;
    },
    async revoke(sessionId, ttlMs = DEFAULT_REVOCATION_TTL_MS) {
      const until = now() + ttlMs;
      remember(sessionId, until);
      if (options.redis) await options.redis.zadd(SESSION_REVOKED_KEY, until, sessionId);
      await options.bus.publish(SESSION_REVOKED_TOPIC, { sid: sessionId, until });
    },
    onRevoked(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ready,
    async close() {
      await ready.catch(() => undefined);
      await unsubscribe?.();
    },
  };
}
