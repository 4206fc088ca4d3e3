import type { ParticipantMetadata, Role } from '@gomeet/protocol';
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { claimsToJwtPayload, TrackSource, type VideoGrant } from 'livekit-server-sdk';
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
  /**
   * "Mute on entry": the grant leaves the microphone out until the participant unmutes
   * (POST /:code/microphone adds it in LiveKit at once). Hosts and co-hosts are never muted.
   */
  micOff?: boolean;
}

/** What someone may publish and do in the room: a join's grant and a live permission update. */
export interface MediaPermission {
  canPublish: boolean;
  canSubscribe: boolean;
  canPublishData: boolean;
  /** Empty: every source. */
  canPublishSources: TrackSource[];
}

/**
 * The sources `subject` may publish; empty means all. Without screen sharing only hosts and
 * co-hosts may publish a screen; with "mute on entry" the microphone waits for an unmute.
 */
export function mediaPermission(
  subject: Pick<JoinTokenSubject, 'role' | 'allowScreenShare' | 'micOff'>,
): MediaPermission {
  const runsMeeting = subject.role === 'host' || subject.role === 'co-host';
  const screen = subject.allowScreenShare || runsMeeting;
  const mic = !subject.micOff || runsMeeting;
  const sources =
    screen && mic
      ? []
      : [
          TrackSource.CAMERA,
          ...(mic ? [TrackSource.MICROPHONE] : []),
          ...(screen ? [TrackSource.SCREEN_SHARE, TrackSource.SCREEN_SHARE_AUDIO] : []),
        ];
  // No data channel: chat, reactions and presence go through our APIs and socket, where they
  // are authorised, limited and stored; LiveKit data would bypass all of that.
  return {
    canPublish: true,
    canSubscribe: true,
    canPublishData: false,
    canPublishSources: sources,
  };
}

/** The grant for one room only: join, publish and subscribe, never data, admin, create or list. */
export function joinGrant(subject: JoinTokenSubject): VideoGrant {
  const permission = mediaPermission(subject);
  const grant: VideoGrant = {
    room: subject.code,
    roomJoin: true,
    canPublish: permission.canPublish,
    canSubscribe: permission.canSubscribe,
    canPublishData: permission.canPublishData,
    canUpdateOwnMetadata: false,
  };
  if (permission.canPublishSources.length > 0) {
    grant.canPublishSources = permission.canPublishSources;
  }
  return grant;
}

const HS256_HEADER = Buffer.from(JSON.stringify({ alg: 'HS256' })).toString('base64url');

/** The API secret as a key object, made once: HMAC with a string key re-imports it per call. */
const signingKeys = new Map<string, KeyObject>();
function signingKey(secret: string): KeyObject {
  let key = signingKeys.get(secret);
  if (!key) signingKeys.set(secret, (key = createSecretKey(secret, 'utf8')));
  return key;
}

/**
 * Signs a LiveKit access token for `subject` with the API key and secret: the claims
 * AccessToken.toJwt writes (grants, iss, exp, nbf, sub), signed with node:crypto's HMAC, at
 * once. toJwt is asynchronous and imports the secret into WebCrypto on every call, which was
 * the largest part of a join's own CPU (bench/join-token.ts under --cpu-prof).
 */
export function issueJoinToken(livekit: LiveKitDeps, subject: JoinTokenSubject): string {
  const metadata: ParticipantMetadata = {
    role: subject.role,
    userId: subject.identity,
    name: subject.name,
  };
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    ...claimsToJwtPayload({
      video: joinGrant(subject),
      name: subject.name,
      metadata: JSON.stringify(metadata),
    }),
    iss: livekit.apiKey,
    exp: now + JOIN_TOKEN_TTL_SECONDS,
    nbf: now,
    sub: subject.identity,
  };
  const signed = `${HS256_HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  const signature = createHmac('sha256', signingKey(livekit.apiSecret))
    .update(signed)
    .digest('base64url');
  return `${signed}.${signature}`;
}
