import { roster } from '@gomeet/platform';
import type { LobbyList } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import { toLobbyEntry } from '../roster/roster-store.js';
import { loadMeetingToModerate } from '../meetings/access.js';

/**
 * The people waiting in a meeting's lobby, longest waiting first, and those removed or denied
 * earlier, latest first (host and co-hosts).
 */
export async function listLobby({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string };
}): Promise<LobbyList> {
  const meeting = await loadMeetingToModerate(ctx, input.code, 'see the lobby');
  const entries = await roster.all(ctx.live, meeting.code);
  const waiting = entries
    .filter((e) => e.state === 'waiting')
    .sort((a, b) => a.at.localeCompare(b.at));
  const turnedAway = entries
    .filter((e) => e.state === 'removed' || e.state === 'denied')
    .sort((a, b) => b.at.localeCompare(a.at))
    .map((e) => ({
      identity: e.identity,
      name: e.name,
      state: e.state as 'removed' | 'denied',
      at: e.at,
    }));
  return { entries: waiting.map(toLobbyEntry), turnedAway };
}
