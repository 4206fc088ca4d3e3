import type { Bus, LiveState, Metrics, RateLimiter, TokenVerifier } from '@gomeet/platform';

/** What the real-time socket (`GET /ws`) needs. */
export interface SignalingDeps {
  bus: Bus;
  live: LiveState;
  verifier: TokenVerifier;
  rateLimiter: RateLimiter;
  metrics: Metrics;
  /** Server ping period; a socket that misses two pongs is closed. Default 25 s. */
  heartbeatMs?: number;
  /** How long a new socket may take to send `hello`. Default 5 s. */
  helloTimeoutMs?: number;
}
