import type { RoomServiceClient } from 'livekit-server-sdk';
import type { CheckContext } from '../check-context.js';
import { safeUrl, withTimeout } from '@gomeet/platform/helpers';
import { oneLine, result, type CheckResult } from '../report.js';

/** The one LiveKit call this check makes. */
export type RoomLister = Pick<RoomServiceClient, 'listRooms'>;

/**
 * LiveKit reachable through its RoomService (LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET),
 * reporting rooms and participants; without them, what /readyz says about livekit.
 */
export async function livekitChecks(
  ctx: CheckContext,
  makeClient = async (url: string, key: string, secret: string): Promise<RoomLister> =>
    new (await import('livekit-server-sdk')).RoomServiceClient(url, key, secret),
): Promise<CheckResult[]> {
  const { LIVEKIT_URL: url, LIVEKIT_API_KEY: key, LIVEKIT_API_SECRET: secret } = ctx.env;
  if (!url || !key || !secret) {
    const state = ctx.readiness?.checks.livekit;
    if (state === undefined)
      return [
        result(
          'livekit',
          'media',
          'skip',
          'LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET not set',
        ),
      ];
    return [
      result(
        'livekit',
        'media',
        state === 'ok' ? 'pass' : 'fail',
        `the services report livekit ${state} (set LIVEKIT_URL and keys to check it directly)`,
        { value: state, threshold: 'ok' },
      ),
    ];
  }
  try {
    const rooms = await withTimeout(
      (await makeClient(url, key, secret)).listRooms(),
      ctx.timeoutMs,
      'LiveKit listRooms',
    );
    const participants = rooms.reduce((n, r) => n + r.numParticipants, 0);
    return [
      result(
        'livekit',
        'media',
        'pass',
        `${rooms.length} room(s), ${participants} participant(s)`,
        { value: participants },
      ),
    ];
  } catch (error) {
    return [
      result(
        'livekit',
        'media',
        'fail',
        `RoomService at ${safeUrl(url)} failed: ${oneLine(error)}`,
      ),
    ];
  }
}
