import type { Ctx } from '../deps.js';
import { toCsv } from '../polls/csv.js';
import { listAttendance } from './list-attendance.js';

const HEADER = ['name', 'role', 'first_joined', 'last_left', 'total_minutes', 'stays'];

/** Meeting `code`'s attendance as CSV, one row per person (host and co-hosts only). */
export async function exportAttendance({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string };
}): Promise<{ filename: string; csv: string }> {
  const report = await listAttendance({ ctx, input });
  const rows = report.attendees.map((a) => [
    a.name,
    a.role,
    a.firstJoinedAt,
    a.lastLeftAt ?? '',
    a.totalMinutes,
    a.stays,
  ]);
  return { filename: `attendance-${report.code}.csv`, csv: toCsv([HEADER, ...rows]) };
}
