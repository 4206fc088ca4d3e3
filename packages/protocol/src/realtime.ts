import { z } from 'zod';
import { role } from './meeting.js';
import { recordingEvent } from './recording.js';
import { stageMessages } from './stage.js';
import { breakoutMessages } from './breakouts.js';
import { pollMessages } from './polls.js';

/** Version of the WebSocket protocol; a client speaking another one is refused with 4400. */
export const PROTOCOL_VERSION = 1;

/** WebSocket close codes GoMeet uses (4000–4999 are the application's). */
export const CLOSE = {
  /** The server is going away (deploy, shutdown): reconnect to another instance. */
  GOING_AWAY: 1001,
  BAD_REQUEST: 4400,
  UNAUTHENTICATED: 4401,
  FORBIDDEN: 4403,
  NOT_FOUND: 4404,
  /** No hello, or no pong, in time. */
  IDLE: 4408,
  /** This participant was removed by a host. */
  REMOVED: 4410,
  /** The meeting ended. */
  ENDED: 4411,
  /** The same identity connected again elsewhere. */
  REPLACED: 4409,
  /**
   * Too many frames: the socket kept sending past its per-type limit after an
   * `error RATE_LIMITED` warning. Clients reconnect with backoff (a bug, not a person).
   */
  RATE_LIMITED: 4429,
  /**
   * The session signed out (logout, a password change elsewhere, a replayed refresh token):
   * its access token no longer works. Do not reconnect with it; sign in again.
   */
  SESSION_REVOKED: 4412,
} as const;

/** What everyone in a meeting sees of one participant. */
export const presence = z.object({
  identity: z.string(),
  name: z.string(),
  role,
  handRaisedAt: z.string().nullable(),
  mic: z.boolean(),
  camera: z.boolean(),
});
export type Presence = z.infer<typeof presence>;

/** Someone waiting in the lobby, as hosts see them. */
export const lobbyEntry = z.object({
  identity: z.string(),
  name: z.string(),
  role,
  requestedAt: z.string(),
});
export type LobbyEntry = z.infer<typeof lobbyEntry>;

/** A stored chat message. `to` is set on private messages, which only sender and recipient see. */
export const chatMessage = z.object({
  id: z.string(),
  clientId: z.string(),
  meetingCode: z.string(),
  from: z.object({ identity: z.string(), name: z.string() }),
  to: z.string().nullable(),
  text: z.string(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deleted: z.boolean(),
});
export type ChatMessage = z.infer<typeof chatMessage>;

/** Client → server frames. The first must be `hello`, within 5 seconds. */
export const clientMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    v: z.literal(PROTOCOL_VERSION),
    meeting: z.string(),
    /** The GoMeet access token (user, or guest for this meeting). */
    token: z.string(),
  }),
  z.object({ type: z.literal('hand'), raised: z.boolean() }),
  z.object({ type: z.literal('reaction'), emoji: z.string().min(1).max(16) }),
  z.object({ type: z.literal('media'), mic: z.boolean(), camera: z.boolean() }),
  z.object({ type: z.literal('ping') }),
]);
export type ClientMessage = z.infer<typeof clientMessage>;

/** Server → client frames. */
export const serverMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    v: z.literal(PROTOCOL_VERSION),
    you: z.object({ identity: z.string(), role, state: z.enum(['waiting', 'joined']) }),
    participants: z.array(presence),
    /** Identities with hands raised, oldest first. */
    hands: z.array(z.string()),
    locked: z.boolean(),
    /** Hosts and co-hosts only. */
    lobby: z.array(lobbyEntry).optional(),
  }),
  z.object({ type: z.literal('presence.joined'), participant: presence }),
  z.object({ type: z.literal('presence.updated'), participant: presence }),
  z.object({ type: z.literal('presence.left'), identity: z.string() }),
  z.object({ type: z.literal('hands'), hands: z.array(z.string()) }),
  z.object({ type: z.literal('reaction'), identity: z.string(), emoji: z.string() }),
  z.object({ type: z.literal('chat.message'), message: chatMessage }),
  z.object({ type: z.literal('chat.updated'), message: chatMessage }),
  z.object({ type: z.literal('chat.deleted'), id: z.string() }),
  z.object({ type: z.literal('lobby.waiting'), entry: lobbyEntry }),
  z.object({ type: z.literal('lobby.left'), identity: z.string() }),
  /** To the admitted participant only: connect to LiveKit with this. */
  z.object({
    type: z.literal('lobby.admitted'),
    livekitUrl: z.string(),
    token: z.string(),
    role,
    iceServers: z.array(
      z.object({
        urls: z.array(z.string()),
        username: z.string().optional(),
        credential: z.string().optional(),
      }),
    ),
    /** The meeting is being recorded: show the banner from the start. */
    recording: z.boolean(),
  }),
  z.object({ type: z.literal('lobby.denied') }),
  z.object({ type: z.literal('unmute.requested'), by: z.string() }),
  z.object({ type: z.literal('muted'), by: z.string(), source: z.enum(['microphone', 'camera']) }),
  z.object({ type: z.literal('role.changed'), identity: z.string(), role }),
  z.object({ type: z.literal('meeting.locked'), locked: z.boolean() }),
  z.object({ type: z.literal('participant.removed'), identity: z.string() }),
  /** To the leaver's own sockets after LiveKit says they left the room: the socket closes (4403). */
  z.object({ type: z.literal('participant.left'), identity: z.string() }),
  ...stageMessages,
  z.object({ type: z.literal('meeting.ended') }),
  /** recording.started / stopped / ready / failed, to everyone in the meeting. */
  recordingEvent,
  ...pollMessages,
  ...breakoutMessages,
  z.object({ type: z.literal('pong') }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);
export type ServerMessage = z.infer<typeof serverMessage>;
