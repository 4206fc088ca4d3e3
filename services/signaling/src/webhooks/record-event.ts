import type { Bus } from '@gomeet/platform';
import type { Kysely } from 'kysely';
import type { WebhookEvent } from 'livekit-server-sdk';

/** The bus topic every verified LiveKit event is published on. */
export const LIVEKIT_EVENTS_TOPIC = 'livekit:events';

/** A LiveKit event as GoMeet passes it around: small, JSON, no SDK classes. */
export interface LiveKitEvent {
  id: string;
  event: string;
  room: string | null;
  participant: { identity: string; name: string; metadata: string } | null;
  createdAt: string;
}

interface Tables {
  livekit_webhook_events: {
    id: string;
    event: string;
    room: string | null;
    participant_identity: string | null;
    created_at: Date;
  };
}

/** Reduces the SDK's event to what GoMeet uses. */
export function toLiveKitEvent(e: WebhookEvent): LiveKitEvent {
  const createdAt = new Date(Number(e.createdAt) * 1000);
  return {
    id: e.id,
    event: e.event,
    room: e.room?.name ?? null,
    participant: e.participant
      ? {
          identity: e.participant.identity,
          name: e.participant.name,
          metadata: e.participant.metadata,
        }
      : null,
    createdAt: (Number.isFinite(createdAt.getTime()) ? createdAt : new Date()).toISOString(),
  };
}

/**
 * Stores the event once by its id, then publishes it. LiveKit retries deliveries, so a
 * duplicate is recognised by its id and neither stored nor published again.
 * Returns false for a duplicate.
 */
export async function recordEvent(
  ctx: { db: Kysely<unknown>; bus: Bus },
  event: LiveKitEvent,
): Promise<boolean> {
  const db = ctx.db as unknown as Kysely<Tables>;
  const inserted = await db
    .insertInto('livekit_webhook_events')
    .values({
      id: event.id,
      event: event.event,
      room: event.room,
      participant_identity: event.participant?.identity ?? null,
      created_at: new Date(event.createdAt),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return false;
  await ctx.bus.publish(LIVEKIT_EVENTS_TOPIC, event);
  return true;
}
