/** The bus topic every verified LiveKit webhook event is published on (by signaling). */
export const LIVEKIT_EVENTS_TOPIC = 'livekit:events';

/** A LiveKit webhook event as GoMeet passes it around: small, JSON, no SDK classes. */
export interface LiveKitEvent {
  /** LiveKit's event id; redeliveries carry the same one. */
  id: string;
  /** room_started, room_finished, participant_joined, participant_left, track_published, … */
  event: string;
  /** The room name, which is the meeting code. */
  room: string | null;
  participant: { identity: string; name: string; metadata: string } | null;
  /** When LiveKit created the event (ISO 8601); events may arrive out of order. */
  createdAt: string;
}
