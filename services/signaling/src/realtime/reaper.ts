import { publishToMeeting } from '@gomeet/platform';
import { publishHands } from './enter-meeting.js';
import type { HubContext } from './hub-context.js';
import type { LocalMeeting } from './local-meeting.js';
import { liveKeys } from './live-keys.js';
import {
  readOnePresence,
  readSocketOwners,
  removePresence,
  type SocketOwner,
} from './presence-store.js';

/**
 * Removes presence left behind by sockets that are gone without a goodbye: their instance
 * crashed (its liveness key expired), or they were this instance's and failed to clean up.
 * Run by every instance with sockets in the meeting, each heartbeat; whoever deletes a record
 * first announces presence.left, so it is announced once.
 */
export async function reapStalePresence(hub: HubContext, meeting: LocalMeeting): Promise<void> {
  const { live, bus } = hub.deps;
  const owners = await readSocketOwners(live, meeting.code);
  const alive = new Map<string, boolean>([[hub.instanceId, true]]);
  const graceStart = Date.now() - hub.heartbeatMs;
  let handsChanged = false;
  for (const [identity, owner] of owners) {
    if (!(await isStale(hub, meeting, identity, owner, alive, graceStart))) continue;
    const presence = await readOnePresence(live, meeting.code, identity);
    if (!(await removePresence(live, meeting.code, identity))) continue;
    await publishToMeeting(bus, meeting.code, { type: 'presence.left', identity });
    if (presence?.handRaisedAt) handsChanged = true;
  }
  if (handsChanged) await publishHands(hub, meeting.code);
}

async function isStale(
  hub: HubContext,
  meeting: LocalMeeting,
  identity: string,
  owner: SocketOwner,
  alive: Map<string, boolean>,
  graceStart: number,
): Promise<boolean> {
  if (owner.at > graceStart) return false;
  if (owner.instance === hub.instanceId) {
    return meeting.sockets.get(identity)?.id !== owner.connection;
  }
  let isAlive = alive.get(owner.instance);
  if (isAlive === undefined) {
    isAlive = (await hub.deps.live.get(liveKeys.instance(owner.instance))) !== undefined;
    alive.set(owner.instance, isAlive);
  }
  return !isAlive;
}
