import { publishToMeeting, roster, type RosterEntry, type RosterState } from '@gomeet/platform';
import type { LobbyEntry, Role } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import { isBanned } from './bans.js';

/** Live-state key of a meeting's lock flag ("1" while locked); signaling reads it for welcomes. */
export function lockedKey(code: string): string {
  return `meeting:${code}:locked`;
}

/** Live-state key set once someone was removed or denied: every new guest waits in the lobby. */
export function guestsWaitKey(code: string): string {
  return `meeting:${code}:guests-wait`;
}

/** How long that lasts: longer than any meeting runs. */
const GUESTS_WAIT_TTL_MS = 7 * 24 * 3600_000;

/**
 * After a removal or a lobby denial, new guests of meeting `code` wait in the lobby even when
 * it has none: a guest pass mints a new identity each time, so a ban alone cannot keep a
 * removed guest out, but a host can see them coming back.
 */
export async function sendGuestsToLobby(ctx: Pick<Ctx, 'live'>, code: string): Promise<void> {
  await ctx.live.set(guestsWaitKey(code), '1', GUESTS_WAIT_TTL_MS);
}

/** Whether new guests of `code` must wait in the lobby (see sendGuestsToLobby). */
export async function guestsMustWait(ctx: Pick<Ctx, 'live'>, code: string): Promise<boolean> {
  return (await ctx.live.get(guestsWaitKey(code))) !== undefined;
}

/** Full members: in the room, or let in from the lobby and on their way. */
export function isMember(entry: RosterEntry | undefined): boolean {
  return entry?.state === 'joined' || entry?.state === 'admitted';
}

/** Who a roster entry is about, without its state and time. */
export interface RosterPerson {
  identity: string;
  name: string;
  role: Role;
}

/** Writes `person`'s roster entry in `state`, stamped now; returns the entry written. */
export async function putRoster(
  ctx: Pick<Ctx, 'live' | 'now'>,
  code: string,
  person: RosterPerson,
  state: RosterState,
): Promise<RosterEntry> {
  const entry: RosterEntry = {
    identity: person.identity,
    userId: person.identity,
    name: person.name,
    role: person.role,
    state,
    at: ctx.now().toISOString(),
  };
  await roster.put(ctx.live, code, entry);
  return entry;
}

/**
 * Lets `person` in on the roster (joined or admitted), unless they were removed meanwhile:
 * the ban is read after the write, and a removal writes its ban before its roster entry, so a
 * join racing a removal can never leave the roster saying "joined". False when banned.
 */
export async function putMemberUnlessBanned(
  ctx: Pick<Ctx, 'live' | 'now' | 'db'>,
  code: string,
  person: RosterPerson,
  state: 'joined' | 'admitted',
): Promise<boolean> {
  await putRoster(ctx, code, person, state);
  if (!(await isBanned(ctx.db, code, person.identity))) return true;
  await putRoster(ctx, code, person, 'removed');
  return false;
}

/** The lobby queue: waiting roster entries, longest waiting first. */
export async function waitingEntries(ctx: Pick<Ctx, 'live'>, code: string): Promise<RosterEntry[]> {
  const entries = await roster.all(ctx.live, code);
  return entries.filter((e) => e.state === 'waiting').sort((a, b) => a.at.localeCompare(b.at));
}

/** A waiting roster entry as hosts see it. */
export function toLobbyEntry(entry: RosterEntry): LobbyEntry {
  return { identity: entry.identity, name: entry.name, role: entry.role, requestedAt: entry.at };
}

/** Tells hosts and co-hosts that `identity` is no longer waiting (admitted, denied, removed). */
export async function announceLobbyLeft(ctx: Pick<Ctx, 'bus'>, code: string, identity: string) {
  await publishToMeeting(ctx.bus, code, { type: 'lobby.left', identity }, 'hosts');
}
