import {
  joinResult,
  meeting as meetingSchema,
  meetingList,
  type CreateMeetingBody,
  type JoinResult,
  type Meeting,
  type RecurrenceRule,
} from '@gomeet/protocol';
import type { z } from 'zod';
import { api } from './http';

export type MeetingList = z.infer<typeof meetingList>;
export type MeetingPatch = Partial<Omit<CreateMeetingBody, 'passcode' | 'recurrence'>> & {
  passcode?: string | null;
  /** null: the series becomes a one-off meeting. */
  recurrence?: RecurrenceRule | null;
};

const path = (code: string) => `/api/meetings/${encodeURIComponent(code)}`;

export const listMeetings = (): Promise<MeetingList> =>
  api('/api/meetings', { auth: 'user', schema: meetingList });

export const createMeeting = (body: CreateMeetingBody): Promise<Meeting> =>
  api('/api/meetings', { method: 'POST', body, auth: 'user', schema: meetingSchema });

export const getMeeting = (code: string): Promise<Meeting> =>
  api(path(code), { auth: { meetingCode: code }, schema: meetingSchema });

export const updateMeeting = (code: string, body: MeetingPatch): Promise<Meeting> =>
  api(path(code), { method: 'PATCH', body, auth: 'user', schema: meetingSchema });

export const deleteMeeting = (code: string): Promise<void> =>
  api(path(code), { method: 'DELETE', auth: 'user' });

/** Ends the meeting for everyone: the server deletes the LiveKit room, which disconnects all. */
export const endMeeting = (code: string): Promise<void> =>
  api(`${path(code)}/end`, { method: 'POST', auth: { meetingCode: code } });

/** Asks to join: a LiveKit token, or "waiting" while the lobby holds us. */
export const requestJoin = (code: string, passcode?: string): Promise<JoinResult> =>
  api(`${path(code)}/join`, {
    method: 'POST',
    body: passcode ? { passcode } : {},
    auth: { meetingCode: code },
    schema: joinResult,
  });
