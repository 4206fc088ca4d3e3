import { z } from 'zod';
import { meetingCode } from './meeting.js';

/** An account as the admin console lists it. */
export const adminUser = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  createdAt: z.string(),
  /** An admin: listed in ADMIN_EMAILS (with a confirmed address) or the install's first account. */
  admin: z.boolean(),
  emailVerified: z.boolean(),
  /** When an admin disabled the account; null while it may sign in. */
  disabledAt: z.string().nullable(),
  /** An admin asked the owner to choose a new password; sign-in waits for it. */
  passwordResetRequired: z.boolean(),
});
export type AdminUser = z.infer<typeof adminUser>;

export const adminUserList = z.object({
  users: z.array(adminUser),
  /** How many accounts match the search, beyond this page too. */
  total: z.number().int(),
});
export type AdminUserList = z.infer<typeof adminUserList>;

/** GET /api/auth/admin/users: an optional search in email and name, and a page. */
export const adminUserQuery = z.object({
  q: z.string().max(254).optional().describe('Part of an email address or display name'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** A meeting in progress, with how many are in it now. */
export const adminLiveMeeting = z.object({
  code: meetingCode,
  title: z.string(),
  hostId: z.string(),
  hostName: z.string(),
  startedAt: z.string().nullable(),
  /** People with an open stay (the seats joins count against the meeting's capacity). */
  participants: z.number().int(),
  maxParticipants: z.number().int(),
});
export type AdminLiveMeeting = z.infer<typeof adminLiveMeeting>;
export const adminLiveMeetings = z.object({ meetings: z.array(adminLiveMeeting) });

/** GET /api/meetings/admin/usage: a range of whole UTC days (both ends included). */
export const adminUsageQuery = z.object({
  from: z.iso.date('expected a date like 2026-01-31').optional(),
  to: z.iso.date('expected a date like 2026-01-31').optional(),
});

/** One UTC day of use, from the attendance records. */
export const usageDay = z.object({
  date: z.string().describe('YYYY-MM-DD (UTC)'),
  /** Meetings someone was in during the day. */
  meetings: z.number().int(),
  /** Minutes meetings had at least one person in them (each meeting counted on its own). */
  meetingMinutes: z.number(),
  /** Minutes summed over people: two people for ten minutes are twenty. */
  participantMinutes: z.number(),
  /** The most people in meetings at the same moment that day, across all meetings. */
  peakConcurrentParticipants: z.number().int(),
});
export type UsageDay = z.infer<typeof usageDay>;
export const adminUsage = z.object({
  from: z.string(),
  to: z.string(),
  days: z.array(usageDay),
  totals: z.object({
    meetingMinutes: z.number(),
    participantMinutes: z.number(),
    peakConcurrentParticipants: z.number().int(),
  }),
});
export type AdminUsage = z.infer<typeof adminUsage>;

/** Recording storage, as the admin console shows it. */
export const adminRecordings = z.object({
  /** Where files are kept; null when recording is not set up. */
  storage: z.enum(['local', 's3']).nullable(),
  recordings: z.number().int(),
  /** Finished files still stored, and their size. */
  storedFiles: z.number().int(),
  storedBytes: z.number(),
  /** Files deleted by hosts or retention (their rows stay for the record). */
  deletedFiles: z.number().int(),
  /** Meetings with the most stored bytes, largest first. */
  largest: z.array(
    z.object({
      meetingCode: z.string(),
      title: z.string(),
      files: z.number().int(),
      bytes: z.number(),
    }),
  ),
});
export type AdminRecordings = z.infer<typeof adminRecordings>;

/** One admin action, as either service's audit log keeps it. */
export const adminAuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  adminId: z.string(),
  adminEmail: z.string(),
  action: z.string().describe('e.g. user.disable, user.force-password-reset, meeting.end'),
  /** What it acted on: a user id or a meeting code. */
  target: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type AdminAuditEntry = z.infer<typeof adminAuditEntry>;
export const adminAuditLog = z.object({ entries: z.array(adminAuditEntry) });
export const adminAuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
