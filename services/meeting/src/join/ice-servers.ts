import { issueTurnCredentials } from '@gomeet/platform';
import type { Ctx } from '../deps.js';

/** Ice servers for a joining client: short-lived TURN credentials when TURN is configured. */
export function iceServersFor(
  ctx: Ctx,
  identity: string,
): { urls: string[]; username: string; credential: string }[] {
  if (!ctx.turn) return [];
  const { secret, urls, ttlSeconds } = ctx.turn;
  const creds = issueTurnCredentials(secret, identity, urls, ttlSeconds, ctx.now());
  return [{ urls: creds.urls, username: creds.username, credential: creds.credential }];
}
