import type { LiveState } from '@gomeet/platform';
import type { Presence } from '@gomeet/protocol';
import { liveKeys } from './live-keys.js';

/** Which connection, on which signaling instance, currently holds an identity's socket. */
export interface SocketOwner {
  connection: string;
  instance: string;
  /** When the connection claimed the identity (epoch ms). */
  at: number;
}

/** The meeting's presence records, in no particular order. */
export async function readPresence(live: LiveState, code: string): Promise<Presence[]> {
  const raw = await live.hgetall(liveKeys.presence(code));
  return Object.values(raw).map((json) => JSON.parse(json) as Presence);
}

/** One identity's presence record, if it has one (e.g. kept across a reconnect). */
export async function readOnePresence(
  live: LiveState,
  code: string,
  identity: string,
): Promise<Presence | undefined> {
  const raw = await live.hget(liveKeys.presence(code), identity);
  return raw ? (JSON.parse(raw) as Presence) : undefined;
}

/** Writes one identity's presence record. */
export async function writePresence(live: LiveState, code: string, p: Presence): Promise<void> {
  await live.hset(liveKeys.presence(code), p.identity, JSON.stringify(p));
}

/** Removes an identity's presence and socket claim; true when the presence existed. */
export async function removePresence(
  live: LiveState,
  code: string,
  identity: string,
): Promise<boolean> {
  await live.hdel(liveKeys.sockets(code), identity);
  return live.hdel(liveKeys.presence(code), identity);
}

/** Identities with a raised hand, oldest raise first (ties by identity, so every reader agrees). */
export function handsQueue(participants: Presence[]): string[] {
  return participants
    .filter((p) => p.handRaisedAt !== null)
    .sort(
      (a, b) =>
        (a.handRaisedAt ?? '').localeCompare(b.handRaisedAt ?? '') ||
        a.identity.localeCompare(b.identity),
    )
    .map((p) => p.identity);
}

/** Records that `owner` now holds `identity`'s socket in meeting `code`. */
export async function claimSocket(
  live: LiveState,
  code: string,
  identity: string,
  owner: SocketOwner,
): Promise<void> {
  await live.hset(liveKeys.sockets(code), identity, JSON.stringify(owner));
}

/** Every socket claim of a meeting, by identity. */
export async function readSocketOwners(
  live: LiveState,
  code: string,
): Promise<Map<string, SocketOwner>> {
  const raw = await live.hgetall(liveKeys.sockets(code));
  return new Map(Object.entries(raw).map(([id, json]) => [id, JSON.parse(json) as SocketOwner]));
}

/** The current claim on `identity`'s socket, if any. */
export async function readSocketOwner(
  live: LiveState,
  code: string,
  identity: string,
): Promise<SocketOwner | undefined> {
  const raw = await live.hget(liveKeys.sockets(code), identity);
  return raw ? (JSON.parse(raw) as SocketOwner) : undefined;
}
