import { AppError, isModerator, publishToMeeting, roster } from '@gomeet/platform';
import type { IdentityList, MuteBody } from '@gomeet/protocol';
import { TrackSource } from 'livekit-server-sdk';
import type { Ctx, RoomService } from '../deps.js';
import { liveKitRoomOf } from '../breakouts/livekit-rooms.js';
import { loadMeetingToModerate } from '../meetings/access.js';
import { isMember } from '../roster/roster-store.js';
import { callLiveKit, requireRoomService } from './room-service.js';

type Source = MuteBody['source'];

const TRACK_SOURCE: Record<Source, TrackSource> = {
  microphone: TrackSource.MICROPHONE,
  camera: TrackSource.CAMERA,
};

/** How many participants mute-all asks LiveKit about at once. */
const MUTE_ALL_CONCURRENCY = 16;

/**
 * Mutes every unmuted track of `source` that `identity` publishes in the room they are in (their
 * open breakout room's, else the meeting's). False when they are not in it.
 */
async function muteTracks(
  ctx: Ctx,
  roomService: RoomService,
  code: string,
  identity: string,
  source: Source,
): Promise<boolean> {
  const room = await liveKitRoomOf(ctx, code, identity);
  const participant = await callLiveKit(ctx, 'find the participant', () =>
    roomService.getParticipant(room, identity),
  );
  if (!participant) return false;
  for (const track of participant.tracks) {
    if (track.source !== TRACK_SOURCE[source] || track.muted) continue;
    await callLiveKit(ctx, 'mute the track', () =>
      roomService.mutePublishedTrack(room, identity, track.sid, true),
    );
  }
  return true;
}

/** The name hosts are known by in `muted` and `unmute.requested` messages. */
export function moderatorName(ctx: Ctx): string {
  return ctx.actor.name || 'A host';
}

/**
 * Mutes one participant's microphone or camera (host and co-hosts), in LiveKit, and tells
 * them who did. 404 when they are not in the room.
 */
export async function muteParticipant({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string; identity: string; source: Source };
}): Promise<IdentityList> {
  const meeting = await loadMeetingToModerate(ctx, input.code, 'mute people');
  const roomService = requireRoomService(ctx);
  if (!(await muteTracks(ctx, roomService, meeting.code, input.identity, input.source))) {
    throw new AppError('NOT_FOUND', 'Nobody with this identity is in the meeting’s room.', {
      type: 'participant-not-found',
    });
  }
  const message = { type: 'muted' as const, by: moderatorName(ctx), source: input.source };
  await publishToMeeting(ctx.bus, meeting.code, message, { identities: [input.identity] });
  return { identities: [input.identity] };
}

/**
 * Mutes the microphones of everyone in the meeting but its hosts and co-hosts, and tells
 * each of them. Returns who was in the room to be muted.
 */
export async function muteAll({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { code: string };
}): Promise<IdentityList> {
  const meeting = await loadMeetingToModerate(ctx, input.code, 'mute people');
  const roomService = requireRoomService(ctx);
  const targets = (await roster.all(ctx.live, meeting.code))
    .filter((e) => isMember(e) && !isModerator(e.role))
    .map((e) => e.identity);
  const muted: string[] = [];
  for (let i = 0; i < targets.length; i += MUTE_ALL_CONCURRENCY) {
    const batch = targets.slice(i, i + MUTE_ALL_CONCURRENCY);
    const found = await Promise.all(
      batch.map((id) => muteTracks(ctx, roomService, meeting.code, id, 'microphone')),
    );
    muted.push(...batch.filter((_, j) => found[j]));
  }
  if (muted.length > 0) {
    const message = {
      type: 'muted' as const,
      by: moderatorName(ctx),
      source: 'microphone' as const,
    };
    await publishToMeeting(ctx.bus, meeting.code, message, { identities: muted });
  }
  return { identities: muted };
}
