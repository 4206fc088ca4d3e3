import type {
  Bus,
  LiveState,
  Metrics,
  RateLimiter,
  SessionRevocations,
  TokenVerifier,
} from '@gomeet/platform';

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
  /**
   * The web app's public URL (PUBLIC_URL). When set, a socket upgrade whose `Origin` is another
   * origin is refused with 403; an upgrade without `Origin` (bots, load generators: not a
   * browser, which always sends one) is let through to the hello and its token check.
   */
  publicUrl?: string | undefined;
  /**
   * Signed-out sessions (openSharedState's). Open sockets of a session revoked on any pod are
   * closed with CLOSE.SESSION_REVOKED (4412); the verifier refuses its token for new ones.
   */
  revocations?: Pick<SessionRevocations, 'onRevoked'>;
}
