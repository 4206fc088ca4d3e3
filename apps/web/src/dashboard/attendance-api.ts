import { attendanceReport, type AttendanceReport } from '@gomeet/protocol';
import { api } from '../api/http';
import { saveFile } from './save-file';

const path = (code: string) => `/api/meetings/${encodeURIComponent(code)}/attendance`;

/** Who attended a meeting (hosts and co-hosts only). */
export const getAttendance = (code: string): Promise<AttendanceReport> =>
  api(path(code), { auth: 'user', schema: attendanceReport });

/** Downloads the attendance CSV (it needs the bearer token, so not a plain link). */
export async function downloadAttendance(code: string): Promise<void> {
  const csv = await api<string>(`${path(code)}.csv`, { auth: 'user', text: true });
  saveFile(csv, `attendance-${code}.csv`, 'text/csv');
}
