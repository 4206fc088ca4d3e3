import type { LobbyList } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import { toLobbyEntry, waitingEntries } from '../roster/roster-store.js';
import { loadMeetingToModerate } from '../meetings/access.js';

/** The people waiting in a meeting's lobby, longest waiting first (host and co-hosts). */
export async function listLobby({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string };
}): Promise<LobbyList> {
  const meeting = await loadMeetingToModerate(ctx, input.code, 'see the lobby');
  const waiting = await waitingEntries(ctx, meeting.code);
  return { entries: waiting.map(toLobbyEntry) };
}
