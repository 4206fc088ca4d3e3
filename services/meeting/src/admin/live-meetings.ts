import type { AdminLiveMeeting } from '@gomeet/protocol';
import type { Db } from '../meetings/repo.js';

/**
 * Meetings in progress, busiest first, each with how many are in it: its open stays, the seats
 * joins count against its capacity (closed when people leave, the room finishes or it ends).
 */
export async function listLiveMeetings(db: Db): Promise<AdminLiveMeeting[]> {
  const rows = await db
    .selectFrom('meetings as m')
    .leftJoin('meeting_attendance as a', (join) =>
      join.onRef('a.meeting_code', '=', 'm.code').on('a.left_at', 'is', null),
    )
    .select((eb) => [
      'm.code',
      'm.title',
      'm.host_id',
      'm.host_name',
      'm.started_at',
      'm.max_participants',
      eb.fn.count<number | string>('a.id').as('participants'),
    ])
    .where('m.state', '=', 'live')
    .groupBy([
      'm.code',
      'm.title',
      'm.host_id',
      'm.host_name',
      'm.started_at',
      'm.max_participants',
    ])
    .execute();
  return rows
    .map((r) => ({
      code: r.code,
      title: r.title,
      hostId: r.host_id,
      hostName: r.host_name,
      startedAt: r.started_at?.toISOString() ?? null,
      participants: Number(r.participants),
      maxParticipants: r.max_participants,
    }))
    .sort((a, b) => b.participants - a.participants || a.code.localeCompare(b.code));
}
