import type { Actor, Bus, LiveState, RateLimiter, TokenVerifier } from '@gomeet/platform';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { MESSAGE_RATE, type MessageRate } from './messages/limits.js';
import type { ChatDatabase } from './messages/tables.js';

/** Everything the chat routes need; the all-in-one server passes these as plugin options. */
export interface ChatDeps {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the shared handle spans every service's tables
  db: Kysely<any>;
  bus: Bus;
  /** Where meeting-service keeps the live roster that decides who may chat. */
  live: LiveState;
  verifier: TokenVerifier;
  /** Counts posts and edits per participant (Redis when several pods serve one meeting). */
  rateLimiter: RateLimiter;
  /** Posts and edits per participant and meeting; {@link MESSAGE_RATE} (10 per 10 s) unless set. */
  messageRate?: MessageRate | undefined;
  now?: () => Date;
  /** Who may still read an ended meeting's chat; without it, history closes with the meeting. */
  pastMembers?: PastMembers | undefined;
}

/** Whether `identity` belonged to meeting `code`, which has ended (meeting-service knows). */
export type PastMembers = (code: string, identity: string) => Promise<boolean>;

/** What every verb receives: the caller, the clock, and the stores it may touch. */
export interface Ctx {
  db: Kysely<ChatDatabase>;
  bus: Bus;
  live: LiveState;
  rateLimiter: RateLimiter;
  messageRate: MessageRate;
  log: FastifyBaseLogger;
  actor: Actor;
  now: () => Date;
  pastMembers: PastMembers | undefined;
}

/** Builds a verb context for `actor` from the plugin's dependencies. */
export function createContext(deps: ChatDeps, actor: Actor, log: FastifyBaseLogger): Ctx {
  return {
    db: deps.db as Kysely<ChatDatabase>,
    bus: deps.bus,
    live: deps.live,
    rateLimiter: deps.rateLimiter,
    messageRate: deps.messageRate ?? MESSAGE_RATE,
    log,
    actor,
    now: deps.now ?? (() => new Date()),
    pastMembers: deps.pastMembers,
  };
}
