import { z } from 'zod';
import { recurrenceRule } from './recurrence.js';
import { storableText } from './text.js';

/** Meeting codes look like "abc-defg-hij": easy to read out and type. */
export const MEETING_CODE = /^[a-z]{3}-[a-z]{4}-[a-z]{3}$/;
export const meetingCode = z
  .string()
  .regex(MEETING_CODE, 'expected a meeting code like abc-defg-hij');

/** The hard cap on participants in one meeting (LiveKit room max_participants). */
export const MAX_PARTICIPANTS = 500;

export const role = z.enum(['host', 'co-host', 'participant', 'guest']);
export type Role = z.infer<typeof role>;

export const meetingState = z.enum(['scheduled', 'live', 'ended', 'cancelled']);
export type MeetingState = z.infer<typeof meetingState>;

/** The host's ceiling on guests in the meeting at once; null: as many as maxParticipants. */
const maxGuests = z
  .number()
  .int()
  .min(0)
  .max(MAX_PARTICIPANTS)
  .nullable()
  .describe('Most guests in the meeting at once; null: up to maxParticipants');

/**
 * End-to-end encrypted media (docs/SECURITY.md): participants hold the key, in the invite link's
 * fragment; the server knows only that the meeting is encrypted, and cannot record it.
 */
const e2ee = z
  .boolean()
  .describe('End-to-end encrypted media; the key travels in the invite link, never to the server');

export const meetingSettings = z.object({
  lobby: z.boolean().default(true),
  muteOnEntry: z.boolean().default(false),
  allowScreenShare: z.boolean().default(true),
  allowGuests: z.boolean().default(true),
  maxParticipants: z.number().int().min(2).max(MAX_PARTICIPANTS).default(MAX_PARTICIPANTS),
  maxGuests: maxGuests.default(null),
  e2ee: e2ee.default(false),
});
export type MeetingSettings = z.infer<typeof meetingSettings>;

/**
 * Settings to change, without defaults: `meetingSettings.partial()` would fill every missing
 * key with its default, so a PATCH of one setting would silently reset the others.
 */
export const meetingSettingsPatch = z.object({
  lobby: z.boolean().optional(),
  muteOnEntry: z.boolean().optional(),
  allowScreenShare: z.boolean().optional(),
  allowGuests: z.boolean().optional(),
  maxParticipants: z.number().int().min(2).max(MAX_PARTICIPANTS).optional(),
  maxGuests: maxGuests.optional(),
  e2ee: e2ee.optional(),
});
export type MeetingSettingsPatch = z.infer<typeof meetingSettingsPatch>;

/**
 * A meeting's start: an ISO 8601 date-time with offset, between 2000 and 9999 (the database's
 * timestamps cannot hold year 20, and nobody schedules a meeting for it).
 */
const startsAt = z.iso
  .datetime({ offset: true, message: 'expected an ISO 8601 date-time' })
  .refine((value) => {
    const at = Date.parse(value);
    return at >= Date.UTC(2000, 0, 1) && at < Date.UTC(10000, 0, 1);
  }, 'expected a date between the years 2000 and 9999');

export const createMeetingBody = z.object({
  title: storableText(200, 'title is required'),
  startsAt: startsAt.optional(),
  durationMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .optional(),
  // New passcodes need 6 characters (docs/SECURITY.md); joins accept any length, so meetings
  // made with shorter ones keep working.
  passcode: z.string().min(6, 'passcode must be at least 6 characters').max(64).optional(),
  settings: meetingSettings.partial().optional(),
  /** Repeats from `startsAt` (required with it); the same code and link every time. */
  recurrence: recurrenceRule.optional(),
});
export type CreateMeetingBody = z.infer<typeof createMeetingBody>;

export const updateMeetingBody = z.object({
  title: storableText(200, 'title is required').optional(),
  startsAt: startsAt.optional(),
  durationMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .optional(),
  passcode: z
    .string()
    .min(6, 'passcode must be at least 6 characters')
    .max(64)
    .nullable()
    .optional(),
  settings: meetingSettingsPatch.optional(),
  /** The series' repeat rule; null: a one-off meeting from now on. */
  recurrence: recurrenceRule.nullable().optional(),
});
export type UpdateMeetingBody = z.infer<typeof updateMeetingBody>;

/** A meeting as its host (and, with `passcode` omitted, anyone with its code) sees it. */
export const meeting = z.object({
  code: z.string(),
  title: z.string(),
  hostId: z.string(),
  hostName: z.string(),
  state: meetingState,
  startsAt: z.string().nullable(),
  durationMinutes: z.number().nullable(),
  hasPasscode: z.boolean(),
  settings: meetingSettings,
  joinUrl: z.string(),
  createdAt: z.string(),
  endedAt: z.string().nullable(),
  /** Your role in this meeting, if you have one. */
  myRole: role.nullable(),
  /** How it repeats; null or absent: it happens once. */
  recurrence: recurrenceRule.nullable().optional(),
});
export type Meeting = z.infer<typeof meeting>;

export const meetingList = z.object({ upcoming: z.array(meeting), past: z.array(meeting) });

export const joinBody = z.object({ passcode: z.string().max(64).optional() });

export const iceServer = z.object({
  urls: z.array(z.string()),
  username: z.string().optional(),
  credential: z.string().optional(),
});

/** Either a LiveKit token to connect with, or "waiting" in the lobby. */
export const joinResult = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('joined'),
    livekitUrl: z.string(),
    token: z.string(),
    role,
    identity: z.string(),
    iceServers: z.array(iceServer),
    /** The meeting is being recorded: the app shows so before anyone is seen or heard. */
    recording: z.boolean(),
    /** The meeting is end-to-end encrypted: the app connects only with the key, never without. */
    e2ee: z.boolean().optional(),
    /**
     * The open breakout room (its number) the token is for, or null: the meeting's own room.
     * Someone who joins again while the rooms are open lands back in theirs.
     */
    breakoutRoom: z
      .number()
      .int()
      .nullable()
      .optional()
      .describe('The breakout room the token is for; null or absent: the main room'),
  }),
  z.object({ status: z.literal('waiting'), role, identity: z.string() }),
]);
export type JoinResult = z.infer<typeof joinResult>;

/** What a participant's LiveKit token carries in its metadata (JSON). */
export const participantMetadata = z.object({ role, userId: z.string(), name: z.string() });
export type ParticipantMetadata = z.infer<typeof participantMetadata>;

/**
 * The lobby as hosts read it over HTTP: waiting people, longest waiting first; and who was
 * turned away earlier (removed or denied), latest first, so a host can spot a returning guest.
 */
export const lobbyList = z.object({
  entries: z.array(
    z.object({ identity: z.string(), name: z.string(), role, requestedAt: z.string() }),
  ),
  turnedAway: z.array(
    z.object({
      identity: z.string(),
      name: z.string(),
      state: z.enum(['removed', 'denied']),
      at: z.string(),
    }),
  ),
});
export type LobbyList = z.infer<typeof lobbyList>;

/** Whom a host action touched (admitted, denied, muted), by identity. */
export const identityList = z.object({ identities: z.array(z.string()) });
export type IdentityList = z.infer<typeof identityList>;

/** Which of someone's tracks a host mutes. Hosts can mute; only the person can unmute. */
export const muteBody = z.object({ source: z.enum(['microphone', 'camera']) });
export type MuteBody = z.infer<typeof muteBody>;

/** Locks (nobody new may join, nor enter the lobby) or unlocks a meeting. */
export const lockBody = z.object({ locked: z.boolean() });
export type LockBody = z.infer<typeof lockBody>;

/** The roles a host can give someone in the meeting. */
export const changeRoleBody = z.object({ role: z.enum(['co-host', 'participant']) });
export type ChangeRoleBody = z.infer<typeof changeRoleBody>;

/** Someone's role after a change. */
export const roleChange = z.object({ identity: z.string(), role });
export type RoleChange = z.infer<typeof roleChange>;
