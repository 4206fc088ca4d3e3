import { randomUUID } from 'node:crypto';
import type { GuestSession } from '@gomeet/protocol';
import type { AuthContext } from '../deps.js';
import { signAccessToken } from '../keys/sign-access-token.js';
import { limitGuestPasses } from '../limits/limit-guest-passes.js';

/**
 * Mints a guest access token bound to one meeting (`mtg`). Whether that meeting admits guests
 * is the meeting-service's call when the guest joins; this only names who they claim to be.
 */
export async function issueGuestToken({
  ctx,
  input,
}: {
  ctx: AuthContext;
  input: { meetingCode: string; displayName: string; ip: string };
}): Promise<GuestSession> {
  await limitGuestPasses(ctx, input.ip);
  const id = `guest:${randomUUID()}`;
  const accessToken = await signAccessToken(ctx, {
    subject: id,
    claims: { kind: 'guest', name: input.displayName, mtg: input.meetingCode },
    ttlSeconds: ctx.guestTokenTtlSeconds,
  });
  return {
    accessToken,
    expiresIn: ctx.guestTokenTtlSeconds,
    tokenType: 'Bearer',
    guest: { id, displayName: input.displayName, meetingCode: input.meetingCode },
  };
}
