import { publishToMeeting } from '@gomeet/platform';
import type { ClientMessage } from '@gomeet/protocol';
import type { Connection } from './connection.js';
import { publishHands } from './enter-meeting.js';
import type { HubContext } from './hub-context.js';
import { writePresence } from './presence-store.js';

/** Reactions allowed per identity per window. */
export const REACTION_LIMIT = { count: 5, windowMs: 10_000 };

type MemberFrame = Extract<ClientMessage, { type: 'hand' | 'reaction' | 'media' }>;

/**
 * Handles a member's frame after the welcome: hand raise/lower, media state, reactions.
 * Lobby sockets may only ping.
 */
export async function handleMemberFrame(
  hub: HubContext,
  conn: Connection,
  frame: MemberFrame,
): Promise<void> {
  const presence = conn.presence;
  const code = conn.meeting?.code;
  if (conn.state !== 'member' || !presence || !code) {
    conn.fail('FORBIDDEN', 'Only meeting members may do that; you are in the lobby.');
    return;
  }
  const { bus, live, rateLimiter } = hub.deps;
  switch (frame.type) {
    case 'hand': {
      if (frame.raised === (presence.handRaisedAt !== null)) return;
      presence.handRaisedAt = frame.raised ? new Date().toISOString() : null;
      await writePresence(live, code, presence);
      await publishToMeeting(bus, code, { type: 'presence.updated', participant: presence });
      await publishHands(hub, code);
      return;
    }
    case 'media': {
      if (frame.mic === presence.mic && frame.camera === presence.camera) return;
      presence.mic = frame.mic;
      presence.camera = frame.camera;
      await writePresence(live, code, presence);
      await publishToMeeting(bus, code, { type: 'presence.updated', participant: presence });
      return;
    }
    case 'reaction': {
      const key = `reaction:${code}:${conn.identity}`;
      const limit = await rateLimiter.hit(key, REACTION_LIMIT.count, REACTION_LIMIT.windowMs);
      if (!limit.allowed) {
        const seconds = Math.ceil(limit.resetMs / 1000);
        conn.fail('RATE_LIMITED', `Too many reactions; try again in ${seconds} s.`);
        return;
      }
      await publishToMeeting(bus, code, {
        type: 'reaction',
        identity: conn.identity,
        emoji: frame.emoji,
      });
      return;
    }
  }
}
