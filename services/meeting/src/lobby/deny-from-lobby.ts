import { publishToMeeting, roster, type RosterEntry } from '@gomeet/platform';
import type { IdentityList } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import {
  announceLobbyLeft,
  putRoster,
  sendGuestsToLobby,
  waitingEntries,
} from '../roster/roster-store.js';
import { loadMeetingToModerate } from '../meetings/access.js';
import { requireWaiting } from './lobby-access.js';

/** Turns one waiting person away: roster "denied", told on their socket, hosts told. */
async function denyEntry(ctx: Ctx, code: string, entry: RosterEntry): Promise<void> {
  await putRoster(ctx, code, entry, 'denied');
  await sendGuestsToLobby(ctx, code);
  await publishToMeeting(ctx.bus, code, { type: 'lobby.denied' }, { identities: [entry.identity] });
  await announceLobbyLeft(ctx, code, entry.identity);
}

/**
 * Denies `identity` at the lobby (host and co-hosts); their later joins answer 403
 * `lobby-denied`. Denying someone already denied changes nothing.
 */
export async function denyFromLobby({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string; identity: string };
}): Promise<IdentityList> {
  const meeting = await loadMeetingToModerate(ctx, input.code, 'deny people at the lobby');
  const current = await roster.get(ctx.live, meeting.code, input.identity);
  if (current?.state === 'denied') return { identities: [] };
  const entry = requireWaiting(current);
  await denyEntry(ctx, meeting.code, entry);
  return { identities: [entry.identity] };
}

/** Denies everyone waiting in the lobby (host and co-hosts). */
export async function denyAllFromLobby({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string };
}): Promise<IdentityList> {
  const meeting = await loadMeetingToModerate(ctx, input.code, 'deny people at the lobby');
  const identities: string[] = [];
  for (const entry of await waitingEntries(ctx, meeting.code)) {
    await denyEntry(ctx, meeting.code, entry);
    identities.push(entry.identity);
  }
  return { identities };
}
