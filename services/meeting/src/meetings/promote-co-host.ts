import { AppError } from '@gomeet/platform';
import type { Ctx } from '../deps.js';
import { loadMeeting, requireHost, requireNotOver } from './access.js';
import { upsertRole } from './repo.js';

/** Makes a signed-in user a co-host (host only). Their next join carries the co-host role. */
export async function promoteCoHost({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string; userId: string };
}): Promise<void> {
  const meeting = await loadMeeting(ctx, input.code);
  requireHost(meeting, ctx.actor, 'promote co-hosts', false);
  requireNotOver(meeting);
  if (input.userId === meeting.host_id)
    throw new AppError('CONFLICT', 'The host is already running this meeting.');
  if (input.userId.startsWith('guest:'))
    throw new AppError('VALIDATION', 'Guests cannot be co-hosts.');
  await upsertRole(ctx.db, meeting.code, input.userId, 'co-host', ctx.now());
  await ctx.bus.publish(`meeting:${meeting.code}`, {
    type: 'role.changed',
    code: meeting.code,
    userId: input.userId,
    role: 'co-host',
  });
}
