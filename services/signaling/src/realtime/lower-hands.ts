import { publishToMeeting } from '@gomeet/platform';
import type { ServerMessage } from '@gomeet/protocol';
import { publishHands } from './enter-meeting.js';
import type { HubContext } from './hub-context.js';
import type { LocalMeeting } from './local-meeting.js';
import { writePresence } from './presence-store.js';

type LoweredHands = Extract<ServerMessage, { type: 'hands.lowered' }>['who'];

/**
 * After `hands.lowered` from a host: lowers the raised hands among this instance's sockets
 * (each socket's presence lives with the instance that holds it), announces each change, and
 * publishes the queue once if any hand went down. Other instances do the same for theirs.
 */
export async function lowerLocalHands(
  hub: HubContext,
  meeting: LocalMeeting,
  who: LoweredHands,
): Promise<void> {
  const { bus, live } = hub.deps;
  let lowered = false;
  for (const conn of meeting.sockets.values()) {
    const presence = conn.presence;
    if (conn.state !== 'member' || !presence?.handRaisedAt) continue;
    if (who !== 'all' && !who.includes(conn.identity)) continue;
    presence.handRaisedAt = null;
    await writePresence(live, meeting.code, presence);
    await publishToMeeting(bus, meeting.code, { type: 'presence.updated', participant: presence });
    lowered = true;
  }
  if (lowered) await publishHands(hub, meeting.code);
}
