import { z } from 'zod';
import { role } from './meeting.js';

/** One person's attendance in a meeting, all their stays folded together. */
export const attendee = z.object({
  identity: z.string().describe('User id, or guest:… for a guest'),
  name: z.string(),
  role,
  firstJoinedAt: z.string(),
  lastLeftAt: z.string().nullable().describe('Null while still in the meeting'),
  totalMinutes: z.number().describe('Time in the meeting over all stays, to 0.1 min'),
  stays: z.number().int().describe('How many times they joined'),
});
export type Attendee = z.infer<typeof attendee>;

/** Who attended a meeting, earliest first (hosts and co-hosts only). */
export const attendanceReport = z.object({
  code: z.string(),
  title: z.string(),
  attendees: z.array(attendee),
});
export type AttendanceReport = z.infer<typeof attendanceReport>;
