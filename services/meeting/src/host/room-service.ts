import { AppError } from '@gomeet/platform';
import type { ParticipantMetadata } from '@gomeet/protocol';
import type { Ctx, RoomService } from '../deps.js';
import { liveKitRoomOf, liveKitRoomsOf } from '../breakouts/livekit-rooms.js';
import type { MediaPermission } from '../join/issue-join-token.js';

/** True for LiveKit's answer about a room or participant that does not exist. */
export function isNotFound(error: unknown): boolean {
  const e = error as { status?: number; code?: string };
  return e.status === 404 || e.code === 'not_found';
}

/** The RoomService, or 503 when this service runs without LiveKit. */
export function requireRoomService(ctx: Pick<Ctx, 'livekit'>): RoomService {
  const roomService = ctx.livekit.roomService;
  if (roomService) return roomService;
  throw new AppError('UNAVAILABLE', 'The media server is not configured.', { retryAfter: 5 });
}

/** Runs a RoomService call; a failure other than "not found" becomes 503 (retry is safe). */
export async function callLiveKit<T>(
  ctx: Pick<Ctx, 'log'>,
  what: string,
  call: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    ctx.log.warn({ err: error }, `LiveKit could not ${what}`);
    throw new AppError('UNAVAILABLE', `The media server could not ${what}; try again.`, {
      cause: error,
      retryAfter: 2,
    });
  }
}

/**
 * Disconnects `identity` from the meeting's LiveKit room, and from their breakout room's while
 * the rooms are open. Not being in the room is fine; without LiveKit there is nothing to do.
 */
export async function kickFromRoom(
  ctx: Pick<Ctx, 'livekit' | 'log' | 'live' | 'now'>,
  code: string,
  identity: string,
): Promise<void> {
  const roomService = ctx.livekit.roomService;
  if (!roomService) return;
  for (const room of await liveKitRoomsOf(ctx, code, identity)) {
    await callLiveKit(ctx, 'remove the participant', () =>
      roomService.removeParticipant(room, identity),
    );
  }
}

/**
 * Applies `permission` (and, when given, new participant metadata) to `identity` in the room
 * they are in (their open breakout room's, else the meeting's) at once, so a role change or an
 * unmute takes effect without a rejoin. Not being in the room is fine (their next join token
 * carries the same); without LiveKit there is nothing to do.
 */
export async function updateRoomPermission(
  ctx: Pick<Ctx, 'livekit' | 'log' | 'live' | 'now'>,
  code: string,
  identity: string,
  permission: MediaPermission,
  metadata?: ParticipantMetadata,
): Promise<void> {
  const roomService = ctx.livekit.roomService;
  if (!roomService) return;
  const room = await liveKitRoomOf(ctx, code, identity);
  await callLiveKit(ctx, 'update the participant’s permissions', () =>
    roomService.updateParticipant(room, identity, {
      permission,
      ...(metadata ? { metadata: JSON.stringify(metadata) } : {}),
    }),
  );
}
