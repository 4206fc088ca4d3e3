import { isModerator, roster, type LiveState } from '@gomeet/platform';
import { PROTOCOL_VERSION, type LobbyEntry, type ServerMessage } from '@gomeet/protocol';
import type { Connection } from './connection.js';
import { liveKeys } from './live-keys.js';
import { handsQueue, readPresence } from './presence-store.js';

type Welcome = Extract<ServerMessage, { type: 'welcome' }>;

/** The lobby as hosts see it: waiting roster entries, longest waiting first. */
async function readLobby(live: LiveState, code: string): Promise<LobbyEntry[]> {
  const entries = await roster.all(live, code);
  return entries
    .filter((e) => e.state === 'waiting')
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((e) => ({ identity: e.identity, name: e.name, role: e.role, requestedAt: e.at }));
}

/**
 * The welcome snapshot for `conn`: members get everyone's presence, the hand queue and the lock;
 * hosts and co-hosts also the lobby; a lobby socket learns only that it waits.
 */
export async function buildWelcome(
  live: LiveState,
  code: string,
  conn: Connection,
): Promise<Welcome> {
  const locked = (await live.get(liveKeys.locked(code))) === '1';
  const you = { identity: conn.identity, role: conn.role };
  if (conn.state !== 'member') {
    return {
      type: 'welcome',
      v: PROTOCOL_VERSION,
      you: { ...you, state: 'waiting' },
      participants: [],
      hands: [],
      locked,
    };
  }
  const participants = await readPresence(live, code);
  const welcome: Welcome = {
    type: 'welcome',
    v: PROTOCOL_VERSION,
    you: { ...you, state: 'joined' },
    participants,
    hands: handsQueue(participants),
    locked,
  };
  if (isModerator(conn.role)) welcome.lobby = await readLobby(live, code);
  return welcome;
}
