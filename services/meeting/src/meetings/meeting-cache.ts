import type { Bus } from '@gomeet/platform';
import type { Kysely } from 'kysely';
import { isBeingRecorded } from '../recordings/repo.js';
import type { MeetingDatabase, MeetingRow } from './tables.js';

/**
 * What a join needs to know of a meeting besides the joiner's seat: the row, co-hosts, bans,
 * and whether it is being recorded (the join answer says so).
 */
export interface JoinSnapshot {
  meeting: MeetingRow;
  coHosts: ReadonlySet<string>;
  banned: ReadonlySet<string>;
  recording: boolean;
}

/**
 * Meetings as joins see them, cached in this process. Every change to a meeting's row, roles,
 * bans or recording state calls `forget`, which drops the entry here and, over the bus, in every other instance.
 * Entries also expire after `ttlMs`, in case a pub/sub message was lost (Redis reconnects).
 */
export interface MeetingCache {
  get(code: string): Promise<JoinSnapshot | undefined>;
  /** Drops `code` here and in every instance listening on the bus. */
  forget(code: string): Promise<void>;
}

/** The bus topic cache invalidations travel on. */
export const MEETING_CACHE_TOPIC = 'meeting-cache:forget';
const TTL_MS = 5_000;

async function loadSnapshot(
  db: Kysely<MeetingDatabase>,
  code: string,
): Promise<JoinSnapshot | undefined> {
  const [meeting, roles, bans, recording] = await Promise.all([
    db.selectFrom('meetings').selectAll().where('code', '=', code).executeTakeFirst(),
    db
      .selectFrom('meeting_roles')
      .select('user_id')
      .where('meeting_code', '=', code)
      .where('role', '=', 'co-host')
      .execute(),
    db.selectFrom('meeting_bans').select('identity').where('meeting_code', '=', code).execute(),
    isBeingRecorded(db, code),
  ]);
  if (!meeting) return undefined;
  return {
    meeting,
    coHosts: new Set(roles.map((r) => r.user_id)),
    banned: new Set(bans.map((b) => b.identity)),
    recording,
  };
}

/** Drops `code` from the meeting cache of every instance listening on `bus`, this one too. */
export function forgetMeetingEverywhere(bus: Bus, code: string): Promise<void> {
  return bus.publish(MEETING_CACHE_TOPIC, { code });
}

interface Entry {
  snapshot: Promise<JoinSnapshot | undefined>;
  expiresAt: number;
}

function createMeetingCache(db: Kysely<MeetingDatabase>, bus: Bus, ttlMs: number) {
  const entries = new Map<string, Entry>();
  const drop = (code: string) => entries.delete(code);
  const cache: MeetingCache = {
    get(code) {
      const now = Date.now();
      const hit = entries.get(code);
      if (hit && hit.expiresAt > now) return hit.snapshot;
      // Concurrent joins (a storm) share one load; an unknown code or a failed load is not kept.
      const snapshot = loadSnapshot(db, code);
      const entry = { snapshot, expiresAt: now + ttlMs };
      entries.set(code, entry);
      snapshot.then(
        (s) => s ?? (entries.get(code) === entry && drop(code)),
        () => entries.get(code) === entry && drop(code),
      );
      return snapshot;
    },
    async forget(code) {
      drop(code);
      await forgetMeetingEverywhere(bus, code);
    },
  };
  return { cache, drop, size: () => entries.size };
}

const perBus = new WeakMap<Bus, { cache: MeetingCache; ready: Promise<unknown> }>();

/**
 * The one meeting cache of this process's `bus` (an app and the contexts tests build share it),
 * subscribed to invalidations before it is first used. `ready` resolves once subscribed.
 */
export function meetingCacheOf(
  db: Kysely<MeetingDatabase>,
  bus: Bus,
  ttlMs = TTL_MS,
): { cache: MeetingCache; ready: Promise<unknown> } {
  let found = perBus.get(bus);
  if (!found) {
    const { cache, drop } = createMeetingCache(db, bus, ttlMs);
    const ready = bus.subscribe(MEETING_CACHE_TOPIC, (message) => {
      const code = (message as { code?: unknown }).code;
      if (typeof code === 'string') drop(code);
    });
    found = { cache, ready };
    perBus.set(bus, found);
  }
  return found;
}
