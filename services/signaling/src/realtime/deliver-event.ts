import type { MeetingEvent } from '@gomeet/platform';
import { CLOSE, type ServerMessage } from '@gomeet/protocol';
import type { Connection } from './connection.js';
import { admitFromLobby } from './enter-meeting.js';
import type { HubContext } from './hub-context.js';
import { liveKeys } from './live-keys.js';
import {
  isMeetingEvent,
  isReplacedNotice,
  LocalMeeting,
  type ReplacedNotice,
} from './local-meeting.js';
import { lowerLocalHands } from './lower-hands.js';
import { writePresence } from './presence-store.js';

/**
 * Delivers one bus message of meeting `meeting` to its local sockets, then applies what it
 * means for them (removed, ended, admitted, denied, role changed). Never throws: a bad message
 * is logged and dropped.
 */
export function deliverEvent(hub: HubContext, meeting: LocalMeeting, raw: unknown): void {
  try {
    if (isReplacedNotice(raw)) return closeReplaced(meeting, raw);
    if (!isMeetingEvent(raw)) {
      hub.log.warn({ meeting: meeting.code }, 'dropped a malformed meeting event');
      return;
    }
    const targets = meeting.targets(raw);
    if (raw.message.type === 'meeting.ended') meeting.ended = true;
    LocalMeeting.fanOut(targets, raw.message);
    applyEffects(hub, meeting, raw, targets);
  } catch (err) {
    hub.log.error({ err, meeting: meeting.code }, 'meeting event delivery failed');
  }
}

function closeReplaced(meeting: LocalMeeting, notice: ReplacedNotice): void {
  const conn = meeting.sockets.get(notice.identity);
  if (!conn || conn.id === notice.connection) return;
  // Only an older socket yields, so two racing connections cannot close each other.
  if (conn.claimedAt > notice.at || (conn.claimedAt === notice.at && conn.id > notice.connection))
    return;
  conn.superseded = true;
  conn.close(CLOSE.REPLACED, 'replaced by a newer connection');
}

function applyEffects(
  hub: HubContext,
  meeting: LocalMeeting,
  event: MeetingEvent,
  targets: Connection[],
): void {
  const message: ServerMessage = event.message;
  const onError = (err: unknown) =>
    hub.log.warn({ err, meeting: meeting.code }, 'event effect failed');
  switch (message.type) {
    case 'participant.removed':
      meeting.sockets.get(message.identity)?.close(CLOSE.REMOVED, 'removed by a host');
      break;
    case 'participant.left':
      // They left the room (LiveKit participant_left, no open stay): the roster says `left`,
      // so the socket they still hold closes like any socket of someone not in the meeting.
      meeting.sockets.get(message.identity)?.close(CLOSE.FORBIDDEN, 'left the meeting');
      break;
    case 'meeting.ended':
      for (const conn of meeting.sockets.values()) conn.close(CLOSE.ENDED, 'meeting ended');
      // One delete instead of hundreds of presence.left events.
      void Promise.all([
        hub.deps.live.del(liveKeys.presence(meeting.code)),
        hub.deps.live.del(liveKeys.sockets(meeting.code)),
      ]).catch(onError);
      break;
    case 'lobby.admitted':
      for (const conn of targets) {
        if (conn.state !== 'waiting') continue;
        conn.role = message.role;
        conn.run(() => admitFromLobby(hub, conn), onError);
      }
      break;
    case 'lobby.denied':
      for (const conn of targets)
        if (conn.state === 'waiting') conn.close(CLOSE.FORBIDDEN, 'not admitted');
      break;
    case 'hands.lowered':
      void lowerLocalHands(hub, meeting, message.who).catch(onError);
      break;
    case 'role.changed':
      updateRole(hub, meeting, message.identity, message.role, onError);
      break;
    case 'meeting.locked':
      // meeting-service owns the flag; mirroring it keeps late joiners' snapshots right.
      void (
        message.locked
          ? hub.deps.live.set(liveKeys.locked(meeting.code), '1')
          : hub.deps.live.del(liveKeys.locked(meeting.code))
      ).catch(onError);
      break;
    default:
      break;
  }
}

function updateRole(
  hub: HubContext,
  meeting: LocalMeeting,
  identity: string,
  role: Connection['role'],
  onError: (err: unknown) => void,
): void {
  const conn = meeting.sockets.get(identity);
  if (!conn) return;
  conn.role = role;
  const presence = conn.presence;
  if (conn.state !== 'member' || !presence) return;
  presence.role = role;
  conn.run(() => writePresence(hub.deps.live, meeting.code, presence), onError);
}
