import { meetingTopic, publishToMeeting } from '@gomeet/platform';
import type { Presence } from '@gomeet/protocol';
import type { Connection } from './connection.js';
import type { Admission } from './handshake.js';
import type { HubContext } from './hub-context.js';
import type { ReplacedNotice } from './local-meeting.js';
import {
  claimSocket,
  handsQueue,
  readOnePresence,
  readPresence,
  readSocketOwner,
  removePresence,
  writePresence,
} from './presence-store.js';
import { SERVICE_LABEL } from './socket-metrics.js';
import { buildWelcome } from './snapshot.js';

/**
 * Seats an authorised socket in its meeting: claims the identity (replacing an older socket on
 * any instance), then makes it a member or leaves it in the lobby with a waiting welcome.
 */
export async function enterMeeting(
  hub: HubContext,
  conn: Connection,
  code: string,
  admission: Admission,
): Promise<void> {
  conn.identity = admission.actor.id;
  conn.sessionId = admission.actor.sessionId;
  conn.name = admission.entry.name || admission.actor.name;
  conn.role = admission.entry.role;
  const meeting = await hub.reserve(code);
  if (!conn.open || hub.closing) {
    hub.abandon(meeting);
    return;
  }
  conn.claimedAt = Date.now();
  // Events from now on are held until the welcome is sent, so none is lost or comes first.
  conn.held = [];
  conn.state = admission.as;
  if (conn.state === 'member') hub.gauges.participants.inc(SERVICE_LABEL);
  hub.seat(conn, meeting);
  const { bus, live } = hub.deps;
  await claimSocket(live, code, conn.identity, {
    connection: conn.id,
    instance: hub.instanceId,
    at: conn.claimedAt,
  });
  const notice: ReplacedNotice = {
    control: 'replaced',
    identity: conn.identity,
    connection: conn.id,
    at: conn.claimedAt,
  };
  await bus.publish(meetingTopic(code), notice);
  if (conn.state === 'member') await announceMember(hub, conn);
  else conn.release(await buildWelcome(live, code, conn));
}

/** Upgrades a lobby socket to a full member (after lobby.admitted), with a fresh welcome. */
export async function admitFromLobby(hub: HubContext, conn: Connection): Promise<void> {
  if (conn.state !== 'waiting' || !conn.open) return;
  conn.state = 'member';
  conn.held = [];
  hub.gauges.participants.inc(SERVICE_LABEL);
  await announceMember(hub, conn);
}

/**
 * Announces a new member: writes its presence (keeping a hand, mic and camera it had before
 * a reconnect), announces it, then sends the welcome snapshot followed by events held meanwhile.
 */
async function announceMember(hub: HubContext, conn: Connection): Promise<void> {
  const code = conn.meeting?.code;
  if (!code) return;
  const { bus, live } = hub.deps;
  const before = await readOnePresence(live, code, conn.identity);
  const presence: Presence = {
    identity: conn.identity,
    name: conn.name,
    role: conn.role,
    handRaisedAt: before?.handRaisedAt ?? null,
    mic: before?.mic ?? false,
    camera: before?.camera ?? false,
  };
  conn.presence = presence;
  await writePresence(live, code, presence);
  await publishToMeeting(bus, code, { type: 'presence.joined', participant: presence });
  conn.release(await buildWelcome(live, code, conn));
}

/**
 * After a member's socket closed for good (not replaced, not the instance going away, not the
 * meeting ending): removes its presence and tells the meeting, unless a newer socket owns it.
 */
export async function leaveMeeting(hub: HubContext, conn: Connection): Promise<void> {
  const meeting = conn.meeting;
  if (!meeting || conn.superseded || meeting.ended || hub.closing) return;
  const { bus, live } = hub.deps;
  const owner = await readSocketOwner(live, meeting.code, conn.identity);
  if (owner && owner.connection !== conn.id) return;
  if (!(await removePresence(live, meeting.code, conn.identity))) return;
  await publishToMeeting(bus, meeting.code, { type: 'presence.left', identity: conn.identity });
  if (conn.presence?.handRaisedAt) await publishHands(hub, meeting.code);
}

/** Publishes the meeting's hand queue as it now stands in live state. */
export async function publishHands(hub: HubContext, code: string): Promise<void> {
  const hands = handsQueue(await readPresence(hub.deps.live, code));
  await publishToMeeting(hub.deps.bus, code, { type: 'hands', hands });
}
