import {
  LIVEKIT_EVENTS_TOPIC,
  publishToMeeting,
  type Bus,
  type LiveKitEvent,
} from '@gomeet/platform';
import { RECORDER_IDENTITY_PREFIX } from '@gomeet/protocol';
import { routeBreakoutEvent } from '../breakouts/route-livekit-event.js';
import type { EventCtx } from '../deps.js';
import { markLeft } from '../join/mark-left.js';
import { handleLiveKitEvent } from './handle-livekit-event.js';

function isLiveKitEvent(raw: unknown): raw is LiveKitEvent {
  const e = raw as Partial<LiveKitEvent> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.id === 'string' &&
    typeof e.event === 'string' &&
    typeof e.createdAt === 'string' &&
    Number.isFinite(Date.parse(e.createdAt))
  );
}

/**
 * Subscribes to the LiveKit events signaling verified and published, and applies each to
 * this service's records. One room's events are handled one at a time in arrival order;
 * rooms run side by side. Returns the unsubscribe function.
 */
export async function subscribeLiveKitEvents(
  bus: Bus,
  ctx: EventCtx,
): Promise<() => Promise<void>> {
  const queues = new Map<string, Promise<void>>();
  const handle = async (received: LiveKitEvent) => {
    try {
      // A move between the main room and a breakout room is no leave (see routeBreakoutEvent).
      const event = await routeBreakoutEvent(ctx, received);
      if (!event) return;
      await handleLiveKitEvent(ctx, event);
      const who = event.participant?.identity;
      if (event.event === 'participant_left' && who && event.room) {
        if (await markLeft(ctx, event.room, who, new Date(event.createdAt)))
          await publishToMeeting(
            bus,
            event.room,
            { type: 'participant.left', identity: who },
            { identities: [who] },
          );
      }
    } catch (err) {
      ctx.log.error({ err, event: received.event, id: received.id }, 'LiveKit event not applied');
    }
  };
  return bus.subscribe(LIVEKIT_EVENTS_TOPIC, (raw) => {
    if (!isLiveKitEvent(raw)) {
      ctx.log.warn('dropped a malformed LiveKit event');
      return;
    }
    // A recorder in the room is no participant: no stay, no roster entry, no seat.
    if (raw.participant?.identity.startsWith(RECORDER_IDENTITY_PREFIX)) return;
    const room = raw.room ?? '';
    const tail = (queues.get(room) ?? Promise.resolve()).then(() => handle(raw));
    queues.set(room, tail);
    void tail.then(() => {
      if (queues.get(room) === tail) queues.delete(room);
    });
  });
}
