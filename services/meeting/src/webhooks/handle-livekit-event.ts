import { roster, type LiveKitEvent } from '@gomeet/platform';
import { participantMetadata, type ParticipantMetadata } from '@gomeet/protocol';
import type { EventCtx } from '../deps.js';
import { kickFromRoom } from '../host/room-service.js';
import { applyParticipantJoined } from '../join/record-participant-joined.js';
import { applyParticipantLeft } from '../join/record-participant-left.js';
import { closeStaysOpenAt } from '../join/repo.js';
import { seats } from '../join/seats.js';
import { normaliseMeetingCode } from '../meetings/meeting-code.js';
import { putMemberUnlessBanned, type RosterPerson } from '../roster/roster-store.js';

type Participant = NonNullable<LiveKitEvent['participant']>;

function metadataOf(participant: Participant): ParticipantMetadata | undefined {
  try {
    const parsed = participantMetadata.safeParse(JSON.parse(participant.metadata));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The room started: a scheduled meeting is live from then on (never an ended one). */
async function roomStarted(ctx: EventCtx, code: string, at: Date): Promise<void> {
  await ctx.db
    .updateTable('meetings')
    .set({ state: 'live', started_at: at, updated_at: ctx.now() })
    .where('code', '=', code)
    .where('state', '=', 'scheduled')
    .execute();
  await ctx.meetings.forget(code);
}

/**
 * Someone connected to the room: their stay opens and the roster says "joined" — unless they
 * were removed (or the meeting is over), in which case they are disconnected at once: their
 * LiveKit token may still be valid for a few minutes.
 */
async function participantJoined(ctx: EventCtx, code: string, p: Participant, at: Date) {
  const meta = metadataOf(p);
  const person: RosterPerson = {
    identity: p.identity,
    name: meta?.name || p.name || p.identity,
    role: meta?.role ?? (p.identity.startsWith('guest:') ? 'guest' : 'participant'),
  };
  const outcome = await applyParticipantJoined(ctx.db, { code, at, ...person });
  if (outcome === 'banned' || outcome === 'over') return kickFromRoom(ctx, code, p.identity);
  if (outcome !== 'opened' && outcome !== 'in') return;
  const entry = await roster.get(ctx.live, code, p.identity);
  const skip = entry?.state === 'joined' || entry?.state === 'denied' || entry?.state === 'removed';
  if (skip) return;
  const who = { ...person, role: entry?.role ?? person.role, name: entry?.name ?? person.name };
  if (!(await putMemberUnlessBanned(ctx, code, who, 'joined'))) {
    await kickFromRoom(ctx, code, p.identity);
  }
}

/**
 * Applies one LiveKit event to this service's records. Each update is idempotent and safe in
 * any order (LiveKit retries, and every meeting-service pod sees every event); events for
 * rooms that are no meeting of ours are ignored.
 */
export async function handleLiveKitEvent(ctx: EventCtx, event: LiveKitEvent): Promise<void> {
  const code = event.room ? normaliseMeetingCode(event.room) : undefined;
  if (!code || code !== event.room) return;
  const at = new Date(event.createdAt);
  const p = event.participant;
  switch (event.event) {
    case 'room_started':
      return roomStarted(ctx, code, at);
    case 'room_finished':
      await closeStaysOpenAt(ctx.db, code, at);
      await seats.clear(ctx.live, code);
      return;
    case 'participant_joined':
      if (p) await participantJoined(ctx, code, p, at);
      return;
    case 'participant_left':
      // Presence is signaling's: only the stay is recorded here.
      if (!p) return;
      // Any stay closed (or split) frees the seat's mark; a re-join then asks the database.
      if ((await applyParticipantLeft(ctx.db, { code, identity: p.identity, at })) === 'closed')
        await seats.release(ctx.live, code, p.identity);
      return;
    case 'track_published':
      ctx.log.debug({ meeting: code, identity: p?.identity }, 'LiveKit track published');
      return;
    default:
      return;
  }
}
