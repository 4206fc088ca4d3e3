import { AppError, publishToMeeting, roster, type RosterEntry } from '@gomeet/platform';
import type { IdentityList } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import { mintJoinAnswer } from '../join/join-answer.js';
import { takeSeat } from '../join/take-seat.js';
import {
  announceLobbyLeft,
  isMember,
  putMemberUnlessBanned,
  waitingEntries,
} from '../roster/roster-store.js';
import { loadMeetingToModerate } from '../meetings/access.js';
import { requireWaiting } from './lobby-access.js';

/**
 * Lets one waiting person in: a seat (409 when full), roster "admitted", and their LiveKit
 * token — minted exactly as a join mints it — sent to their socket alone. Hosts hear that
 * they left the lobby. False when they were removed meanwhile.
 */
async function admitEntry(ctx: Ctx, code: string, entry: RosterEntry): Promise<boolean> {
  const who = { identity: entry.identity, name: entry.name, role: entry.role };
  const meeting = await takeSeat(ctx, code, who);
  if (!(await putMemberUnlessBanned(ctx, code, who, 'admitted'))) return false;
  const answer = await mintJoinAnswer(ctx, meeting, who);
  const { livekitUrl, token, role, iceServers, recording } = answer;
  await publishToMeeting(
    ctx.bus,
    code,
    { type: 'lobby.admitted', livekitUrl, token, role, iceServers, recording },
    { identities: [who.identity] },
  );
  await announceLobbyLeft(ctx, code, who.identity);
  return true;
}

/**
 * Admits `identity` from the lobby (host and co-hosts). Their socket gets a token at once, and
 * their next join answers 200 with one. Admitting someone already let in changes nothing.
 */
export async function admitFromLobby({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string; identity: string };
}): Promise<IdentityList> {
  const meeting = await loadMeetingToModerate(ctx, input.code, 'admit people from the lobby');
  const current = await roster.get(ctx.live, meeting.code, input.identity);
  if (isMember(current)) return { identities: [] };
  const entry = requireWaiting(current);
  const admitted = await admitEntry(ctx, meeting.code, entry);
  return { identities: admitted ? [entry.identity] : [] };
}

/**
 * Admits everyone waiting, longest waiting first, until the meeting is full; those left over
 * keep waiting. 409 when the meeting is full before anyone could be admitted.
 */
export async function admitAllFromLobby({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string };
}): Promise<IdentityList> {
  const meeting = await loadMeetingToModerate(ctx, input.code, 'admit people from the lobby');
  const identities: string[] = [];
  for (const entry of await waitingEntries(ctx, meeting.code)) {
    try {
      if (await admitEntry(ctx, meeting.code, entry)) identities.push(entry.identity);
    } catch (error) {
      const full = error instanceof AppError && error.type === 'meeting-full';
      if (!full) throw error;
      if (identities.length === 0) throw error;
      break;
    }
  }
  return { identities };
}
