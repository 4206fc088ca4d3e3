import { AppError, publishToMeeting, roster } from '@gomeet/platform';
import type { ChangeRoleBody, RoleChange } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import { loadMeeting, requireHost, requireNotOver } from '../meetings/access.js';
import { deleteCoHost, upsertRole } from '../meetings/repo.js';
import { mediaPermission } from '../join/issue-join-token.js';
import { updateRoomPermission } from './room-service.js';

/**
 * Makes someone a co-host or a plain participant again (host only; the host's own role never
 * changes, guests cannot be co-hosts). Stored in meeting_roles, so their next join carries it;
 * written to their roster entry, applied in the LiveKit room at once (UpdateParticipant:
 * permissions and metadata), and `role.changed` to everyone.
 */
export async function changeRole({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string; identity: string; role: ChangeRoleBody['role'] };
}): Promise<RoleChange> {
  const meeting = await loadMeeting(ctx, input.code);
  requireHost(meeting, ctx.actor, 'change roles', false);
  requireNotOver(meeting);
  if (input.identity === meeting.host_id)
    throw new AppError('CONFLICT', 'The host’s role cannot change.', { type: 'host-role' });
  if (input.identity.startsWith('guest:'))
    throw new AppError('VALIDATION', 'Guests cannot be co-hosts; they can sign in.', {
      type: 'guest-role',
    });
  const code = meeting.code;
  if (input.role === 'co-host')
    await upsertRole(ctx.db, code, input.identity, 'co-host', ctx.now());
  else await deleteCoHost(ctx.db, code, input.identity);
  await ctx.meetings.forget(code);
  const entry = await roster.get(ctx.live, code, input.identity);
  if (entry) await roster.put(ctx.live, code, { ...entry, role: input.role });
  // LiveKit applies the new role now, not at their next join (screen share, microphone).
  const metadata = { role: input.role, userId: input.identity, name: entry?.name ?? '' };
  const permission = mediaPermission({
    role: input.role,
    allowScreenShare: meeting.allow_screen_share,
  });
  await updateRoomPermission(ctx, code, input.identity, permission, metadata);
  await publishToMeeting(ctx.bus, code, {
    type: 'role.changed',
    identity: input.identity,
    role: input.role,
  });
  return { identity: input.identity, role: input.role };
}
