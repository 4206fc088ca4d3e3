import { AppError } from '@gomeet/platform';
import type { AdminLiveMeeting } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import { meetingNotFound } from '../meetings/access.js';
import { endMeeting } from '../meetings/end-meeting.js';
import { normaliseMeetingCode } from '../meetings/meeting-code.js';
import { countAttending } from '../join/repo.js';
import { recordAdminAction } from './audit.js';

/**
 * An admin ends someone's meeting: exactly what the host's End does (stays closed, roster
 * cleared, `meeting.ended` to every socket, room deleted), done in the host's name since the
 * end verb checks for the host; the audit row names the admin. Only a meeting in progress.
 */
export async function endMeetingAsAdmin({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string };
}): Promise<Pick<AdminLiveMeeting, 'code' | 'title' | 'participants'>> {
  const code = normaliseMeetingCode(input.code);
  const meeting = code
    ? await ctx.db
        .selectFrom('meetings')
        .select(['code', 'title', 'state', 'host_id', 'host_name'])
        .where('code', '=', code)
        .executeTakeFirst()
    : undefined;
  if (!meeting) throw meetingNotFound();
  if (meeting.state !== 'live') {
    throw new AppError('CONFLICT', `This meeting is not in progress (it is ${meeting.state}).`, {
      type: 'meeting-not-live',
    });
  }
  const { attending } = await countAttending(ctx.db, meeting.code, ctx.actor.id);
  const host = { id: meeting.host_id, kind: 'user' as const, name: meeting.host_name };
  await endMeeting({ ctx: { ...ctx, actor: host }, input: { code: meeting.code } });
  await recordAdminAction(ctx.db, {
    admin: ctx.actor,
    action: 'meeting.end',
    target: meeting.code,
    details: { title: meeting.title, hostId: meeting.host_id, participants: attending },
    at: ctx.now(),
  });
  return { code: meeting.code, title: meeting.title, participants: attending };
}
