import { AppError } from '@gomeet/platform';
import type { Ctx } from '../deps.js';
import { loadMeeting, requireHost, requireNotOver } from '../meetings/access.js';
import { decideLobbyEntry } from './repo.js';

/**
 * Lets someone waiting in the lobby in (host and co-hosts): their next join returns a token.
 * Publishes `lobby.admitted` on `meeting:<code>` so their client can ask again at once.
 */
export async function admitFromLobby({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string; identity: string };
}): Promise<void> {
  const meeting = await loadMeeting(ctx, input.code);
  requireHost(meeting, ctx.actor, 'admit people from the lobby');
  requireNotOver(meeting);
  if (!(await decideLobbyEntry(ctx.db, meeting.code, input.identity, 'admitted', ctx.now()))) {
    throw new AppError('NOT_FOUND', 'Nobody with this identity is in the lobby.', {
      type: 'lobby-entry-not-found',
    });
  }
  await ctx.bus.publish(`meeting:${meeting.code}`, {
    type: 'lobby.admitted',
    code: meeting.code,
    identity: input.identity,
  });
}
