import type { ParticipantMetadata, Role } from '@gomeet/protocol';
import { AccessToken, TrackSource, type VideoGrant } from 'livekit-server-sdk';
import type { LiveKitDeps } from '../deps.js';

/**
 * How long a join token lets its holder connect to the room. Short, so a removed participant's
 * old token soon stops working: LiveKit refreshes the token of a connected client itself, so
 * this only bounds the initial connect (and a removal also disconnects them on sight).
 */
export const JOIN_TOKEN_TTL_SECONDS = 10 * 60;

/** Who the token is for, and in which meeting. */
export interface JoinTokenSubject {
  code: string;
  identity: string;
  name: string;
  role: Role;
  allowScreenShare: boolean;
}

/**
 * The grant for one room only: join, publish, subscribe and send data, never admin, create or
 * list. Without screen sharing only hosts and co-hosts may publish a screen.
 */
export function joinGrant(subject: JoinTokenSubject): VideoGrant {
  const grant: VideoGrant = {
    room: subject.code,
    roomJoin: true,
    canPublish: true,
    canSubscribe: true,
    canPublishData: true,
    canUpdateOwnMetadata: false,
  };
  const runsMeeting = subject.role === 'host' || subject.role === 'co-host';
  if (!subject.allowScreenShare && !runsMeeting) {
    grant.canPublishSources = [TrackSource.CAMERA, TrackSource.MICROPHONE];
  }
  return grant;
}

/** Signs a LiveKit access token for `subject` with the API key and secret. */
export async function issueJoinToken(
  livekit: LiveKitDeps,
  subject: JoinTokenSubject,
): Promise<string> {
  const metadata: ParticipantMetadata = {
    role: subject.role,
    userId: subject.identity,
    name: subject.name,
  };
  const token = new AccessToken(livekit.apiKey, livekit.apiSecret, {
    identity: subject.identity,
    name: subject.name,
    metadata: JSON.stringify(metadata),
    ttl: JOIN_TOKEN_TTL_SECONDS,
  });
  token.addGrant(joinGrant(subject));
  return token.toJwt();
}
