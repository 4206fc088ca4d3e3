import { createHmac } from 'node:crypto';

/** TURN credentials in coturn's REST-API scheme (use-auth-secret / static-auth-secret). */
export interface TurnCredentials {
  username: string;
  credential: string;
  /** Seconds the credentials stay valid. */
  ttl: number;
  urls: string[];
}

/**
 * username = "<expiry unix seconds>:<userId>", credential = base64(HMAC-SHA1(secret, username)),
 * which coturn checks against the same shared secret without any database.
 */
export function issueTurnCredentials(
  secret: string,
  userId: string,
  urls: string[],
  ttlSeconds = 24 * 3600,
  now: Date = new Date(),
): TurnCredentials {
  const expiry = Math.floor(now.getTime() / 1000) + ttlSeconds;
  const username = `${expiry}:${userId}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential, ttl: ttlSeconds, urls };
}
