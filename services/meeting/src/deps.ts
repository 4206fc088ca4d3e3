import type {
  Actor,
  Bus,
  LiveState,
  Mailer,
  Metrics,
  RateLimiter,
  TokenVerifier,
  TurnSettings,
} from '@gomeet/platform';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { RoomServiceClient } from 'livekit-server-sdk';
import { meetingCacheOf, type MeetingCache } from './meetings/meeting-cache.js';
import type { PasscodeLimits } from './join/limit-passcode.js';
import type { MeetingDatabase } from './meetings/tables.js';
import type { RecordingDeps } from './recordings/recording-deps.js';

/** The RoomService calls this service makes, and only those (tests fake exactly these). */
export type RoomService = Pick<
  RoomServiceClient,
  | 'deleteRoom'
  | 'listRooms'
  | 'getParticipant'
  | 'mutePublishedTrack'
  | 'removeParticipant'
  | 'updateParticipant'
>;

/** How the service reaches LiveKit: the URL clients connect to, API credentials, and host actions. */
export interface LiveKitDeps {
  /** The client-facing ws:// or wss:// URL handed out with join tokens. */
  url: string;
  /**
   * The client-facing URL for a browser that reached us at `requestHost` (the request's Host),
   * when it depends on it (the all-in-one server on a LAN address); else `url` is used.
   */
  clientUrlFor?: (requestHost: string) => string;
  apiKey: string;
  apiSecret: string;
  /** Host actions and room clean-up; absent when no LiveKit server runs. */
  roomService?: RoomService;
}

/** Shared secret and URLs of coturn, for REST-API TURN credentials. */
export type TurnDeps = TurnSettings;

/** Everything the meeting routes need; the all-in-one server passes these as plugin options. */
export interface MeetingDeps {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the shared handle spans every service's tables
  db: Kysely<any>;
  bus: Bus;
  /** Shared live state (Redis in production): the meeting roster, the lock flag. */
  live: LiveState;
  verifier: TokenVerifier;
  livekit: LiveKitDeps;
  /** Base URL of the web app, for join links ("https://meet.example.com"). */
  publicUrl: string;
  turn?: TurnDeps;
  now?: () => Date;
  /** Wrong-passcode counters (Redis in production, shared by pods); process memory by default. */
  rateLimiter?: RateLimiter;
  /** Wrong-passcode limits; each one left out takes its default (docs/SECURITY.md). */
  passcodeLimits?: Partial<PasscodeLimits>;
  /** The process's metrics; passcode refusals count in `gomeet_rate_limited_total{scope}`. */
  metrics?: Metrics;
  /** Recording storage and settings; without them starting a recording answers 503. */
  recordings?: RecordingDeps;
  /** Where invitation mail goes (SMTP_URL or a folder); without it, emailing invitations is 503. */
  mailer?: Mailer;
}

/** What every verb receives: the caller, the clock, and the outside systems it may touch. */
export interface Ctx {
  db: Kysely<MeetingDatabase>;
  bus: Bus;
  live: LiveState;
  log: FastifyBaseLogger;
  actor: Actor;
  now: () => Date;
  livekit: LiveKitDeps;
  publicUrl: string;
  turn: TurnDeps | undefined;
  /** Meetings as joins see them; `forget` after changing a meeting's row, roles or bans. */
  meetings: MeetingCache;
}

/** What every context takes from one set of dependencies, worked out once per set. */
type Shared = Omit<Ctx, 'actor' | 'log' | 'livekit'>;
const shared = new WeakMap<MeetingDeps, Shared>();

function sharedOf(deps: MeetingDeps): Shared {
  let found = shared.get(deps);
  if (!found) {
    const db = deps.db as Kysely<MeetingDatabase>;
    found = {
      db,
      bus: deps.bus,
      live: deps.live,
      now: deps.now ?? (() => new Date()),
      publicUrl: deps.publicUrl.replace(/\/+$/, ''),
      turn: deps.turn,
      meetings: meetingCacheOf(db, deps.bus).cache,
    };
    shared.set(deps, found);
  }
  return found;
}

/**
 * Builds a verb context for `actor` from the plugin's dependencies, on every request: what
 * does not change comes from `sharedOf`. `livekit` replaces the deps' own for a client that
 * reaches LiveKit at another URL.
 */
export function createContext(
  deps: MeetingDeps,
  actor: Actor,
  log: FastifyBaseLogger,
  livekit: LiveKitDeps = deps.livekit,
): Ctx {
  const { db, bus, live, now, publicUrl, turn, meetings } = sharedOf(deps);
  return { db, bus, live, log, actor, now, livekit, publicUrl, turn, meetings };
}

/** What the service needs when it acts on its own (LiveKit events), with no caller. */
export type EventCtx = Pick<Ctx, 'db' | 'live' | 'log' | 'now' | 'livekit' | 'meetings'>;

/** Builds the context LiveKit events are applied with. */
export function createEventContext(deps: MeetingDeps, log: FastifyBaseLogger): EventCtx {
  return {
    db: deps.db as Kysely<MeetingDatabase>,
    live: deps.live,
    log,
    now: deps.now ?? (() => new Date()),
    livekit: deps.livekit,
    meetings: meetingCacheOf(deps.db as Kysely<MeetingDatabase>, deps.bus).cache,
  };
}
