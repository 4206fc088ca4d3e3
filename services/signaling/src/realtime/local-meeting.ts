import { isModerator, type Audience, type MeetingEvent } from '@gomeet/platform';
import type { ServerMessage } from '@gomeet/protocol';
import type { Connection, MeetingSlot } from './connection.js';

/** What a lobby socket may receive; everything else is for full members only. */
const lobbyTypes = new Set<ServerMessage['type']>([
  'lobby.admitted',
  'lobby.denied',
  'meeting.ended',
]);

/**
 * One meeting as this instance sees it: its local sockets by identity and its one bus
 * subscription (taken when the first local socket arrives, dropped after the last leaves).
 */
export class LocalMeeting implements MeetingSlot {
  readonly sockets = new Map<string, Connection>();
  /** Resolves once the bus subscription is in place. */
  ready: Promise<void> = Promise.resolve();
  unsubscribe: (() => Promise<void>) | undefined;
  /** Set on meeting.ended: sockets closing then do not publish presence.left one by one. */
  ended = false;
  /** Sockets authorised for this meeting but not seated yet; the meeting stays while > 0. */
  reservations = 0;

  constructor(readonly code: string) {}

  /** The local sockets an event is for, by its audience and their state. */
  targets(event: MeetingEvent): Connection[] {
    const { audience, message } = event;
    const candidates = this.candidates(audience);
    return candidates.filter((conn) => {
      if (conn.state === 'waiting') return lobbyTypes.has(message.type);
      if (conn.state !== 'member') return false;
      return audience !== 'hosts' || isModerator(conn.role);
    });
  }

  private candidates(audience: Audience): Connection[] {
    if (audience === 'all' || audience === 'hosts') return [...this.sockets.values()];
    const found: Connection[] = [];
    for (const identity of audience.identities) {
      const conn = this.sockets.get(identity);
      if (conn) found.push(conn);
    }
    return found;
  }

  /** Sends `message` to `targets`, serialised once for all of them. */
  static fanOut(targets: Connection[], message: ServerMessage): void {
    if (targets.length === 0) return;
    const data = Buffer.from(JSON.stringify(message));
    for (const conn of targets) conn.sendData(data);
  }
}

/** An internal notice on the meeting topic: another connection took over `identity`. */
export interface ReplacedNotice {
  control: 'replaced';
  identity: string;
  connection: string;
  /** When the new connection claimed the identity (epoch ms): only older sockets yield to it. */
  at: number;
}

/** Whether a bus message is an internal notice rather than a MeetingEvent. */
export function isReplacedNotice(raw: unknown): raw is ReplacedNotice {
  return (raw as Partial<ReplacedNotice> | null)?.control === 'replaced';
}

/** Whether a bus message looks like a MeetingEvent (publishers are ours; still never crash). */
export function isMeetingEvent(raw: unknown): raw is MeetingEvent {
  const e = raw as Partial<MeetingEvent> | null;
  return (
    typeof e?.message?.type === 'string' &&
    (e.audience === 'all' ||
      e.audience === 'hosts' ||
      Array.isArray((e.audience as { identities?: unknown } | undefined)?.identities))
  );
}
