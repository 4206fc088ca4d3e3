import type { LobbyEntry, Presence, Role, ServerMessage } from '@gomeet/protocol';
import type { RealtimeStatus } from './realtime-client';

/** What the socket has told us about the meeting, kept current by its deltas. */
export interface RealtimeState {
  status: RealtimeStatus;
  you: { identity: string; role: Role; state: 'waiting' | 'joined' } | null;
  /** Everyone in the meeting, in the order they arrived. */
  participants: Presence[];
  /** Identities with a hand up, oldest first (as the server last said). */
  hands: string[];
  locked: boolean;
  /** Hosts and co-hosts only: who waits in the lobby, longest first. */
  lobby: LobbyEntry[];
  /** How many welcomes arrived: more than one means we reconnected. */
  welcomes: number;
}

export const initialRealtimeState: RealtimeState = {
  status: 'connecting',
  you: null,
  participants: [],
  hands: [],
  locked: false,
  lobby: [],
  welcomes: 0,
};

export type RealtimeAction =
  | { type: 'status'; status: RealtimeStatus }
  | { type: 'lobby.fetched'; lobby: LobbyEntry[] }
  | ServerMessage;

const upsert = (list: Presence[], p: Presence) =>
  list.some((x) => x.identity === p.identity)
    ? list.map((x) => (x.identity === p.identity ? p : x))
    : [...list, p];

const withoutLobby = (lobby: LobbyEntry[], identity: string) =>
  lobby.filter((e) => e.identity !== identity);

/** Applies one socket message (or local event) to the state; unknown kinds leave it as is. */
export function reduceRealtime(state: RealtimeState, action: RealtimeAction): RealtimeState {
  switch (action.type) {
    case 'status':
      return { ...state, status: action.status };
    case 'lobby.fetched':
      return { ...state, lobby: action.lobby };
    case 'welcome':
      return {
        ...state,
        you: action.you,
        participants: action.participants,
        hands: action.hands,
        locked: action.locked,
        lobby: action.lobby ?? [],
        welcomes: state.welcomes + 1,
      };
    case 'presence.joined':
    case 'presence.updated':
      return { ...state, participants: upsert(state.participants, action.participant) };
    case 'presence.left':
    case 'participant.removed':
      return {
        ...state,
        participants: state.participants.filter((p) => p.identity !== action.identity),
        hands: state.hands.filter((h) => h !== action.identity),
        lobby: withoutLobby(state.lobby, action.identity),
      };
    case 'hands':
      return { ...state, hands: action.hands };
    case 'lobby.waiting':
      return {
        ...state,
        lobby: [...withoutLobby(state.lobby, action.entry.identity), action.entry],
      };
    case 'lobby.left':
      return { ...state, lobby: withoutLobby(state.lobby, action.identity) };
    case 'role.changed': {
      const you =
        state.you?.identity === action.identity ? { ...state.you, role: action.role } : state.you;
      return {
        ...state,
        you,
        participants: state.participants.map((p) =>
          p.identity === action.identity ? { ...p, role: action.role } : p,
        ),
      };
    }
    case 'meeting.locked':
      return { ...state, locked: action.locked };
    default:
      return state;
  }
}

export const isHost = (role: Role | undefined | null) => role === 'host' || role === 'co-host';

/**
 * The hand queue, oldest first. `hands` lists from two pods can arrive out of order, so the
 * raise times that presence carries decide where they are known.
 */
export function handQueue(state: RealtimeState): string[] {
  const raisedAt = new Map(state.participants.map((p) => [p.identity, p.handRaisedAt]));
  return state.hands
    .map((identity, index) => ({ identity, index, at: raisedAt.get(identity) ?? null }))
    .sort((a, b) => (a.at && b.at && a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.index - b.index))
    .map((h) => h.identity);
}
