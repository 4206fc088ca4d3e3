import type { Role, ServerMessage } from '@gomeet/protocol';
import type { Bus } from './bus.js';
import type { LiveState } from './live-state.js';

/** Who in a meeting an event is for. Signaling delivers it to the matching sockets only. */
export type Audience = 'all' | 'hosts' | { identities: string[] };

/** What services publish on a meeting's topic: a socket message and its audience. */
export interface MeetingEvent {
  audience: Audience;
  message: ServerMessage;
}

/** The bus topic of one meeting's events. */
export function meetingTopic(code: string): string {
  return `meeting:${code}`;
}

/** Publishes `message` to the sockets of meeting `code` (all of them unless `audience` says). */
export async function publishToMeeting(
  bus: Bus,
  code: string,
  message: ServerMessage,
  audience: Audience = 'all',
): Promise<void> {
  const event: MeetingEvent = { audience, message };
  await bus.publish(meetingTopic(code), event);
}

/**
 * Where someone stands in a meeting. `left`: they were in and left the room (LiveKit
 * participant_left); like anyone outside, they must join again before their socket or chat work.
 */
export type RosterState = 'waiting' | 'admitted' | 'joined' | 'left' | 'denied' | 'removed';

/**
 * One identity's entry in a meeting's live roster. meeting-service writes it (join, lobby,
 * admit, deny, remove, role changes); signaling and chat read it to authorise sockets and posts.
 */
export interface RosterEntry {
  identity: string;
  /** The GoMeet user id, or the guest id. */
  userId: string;
  name: string;
  role: Role;
  state: RosterState;
  /** When the entry last changed (ISO 8601). */
  at: string;
}

const rosterKey = (code: string) => `meeting:${code}:roster`;

/** Reads and writes meeting rosters in live state (Redis or memory). */
export const roster = {
  async get(live: LiveState, code: string, identity: string): Promise<RosterEntry | undefined> {
    const raw = await live.hget(rosterKey(code), identity);
    return raw ? (JSON.parse(raw) as RosterEntry) : undefined;
  },
  async put(live: LiveState, code: string, entry: RosterEntry): Promise<void> {
    await live.hset(rosterKey(code), entry.identity, JSON.stringify(entry));
  },
  async all(live: LiveState, code: string): Promise<RosterEntry[]> {
    return Object.values(await live.hgetall(rosterKey(code))).map(
      (raw) => JSON.parse(raw) as RosterEntry,
    );
  },
  async clear(live: LiveState, code: string): Promise<void> {
    await live.del(rosterKey(code));
  },
};

/** Hosts and co-hosts may moderate. */
export function isModerator(role: Role): boolean {
  return role === 'host' || role === 'co-host';
}
