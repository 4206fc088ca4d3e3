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

/**
 * How long a signed token is handed out again to the same subject: a reload or reconnect
 * within it gets the token it was given, still valid for at least
 * JOIN_TOKEN_TTL_SECONDS - REUSE_SECONDS. Signing cost ~15 µs of a re-join's CPU under load
 * (bench/join-token.ts); the checks before it run on every join all the same.
 */
export const REUSE_SECONDS = 30;
/** How many recent tokens one API key's signer remembers (the oldest go first). */
const REUSE_MAX = 10_000;

interface Signer {
  /** The API secret as a key object, made once: HMAC with a string key re-imports it per call. */
  key: KeyObject;
  /** Recent tokens by everything they say but their times. */
  recent: Map<string, { token: string; signedAt: number }>;
}

/** Signers by API key, then secret: two lookups of long-lived strings, no key built per join. */
const signers = new Map<string, Map<string, Signer>>();
function signerFor(livekit: LiveKitDeps): Signer {
  let bySecret = signers.get(livekit.apiKey);
  if (!bySecret) signers.set(livekit.apiKey, (bySecret = new Map<string, Signer>()));
  let signer = bySecret.get(livekit.apiSecret);
  if (!signer) {
    signer = { key: createSecretKey(livekit.apiSecret, 'utf8'), recent: new Map() };
    bySecret.set(livekit.apiSecret, signer);
  }
  return signer;
}

/**
 * Signs a LiveKit access token for `subject` with the API key and secret: the claims
 * AccessToken.toJwt writes (grants, iss, exp, nbf, sub), signed with node:crypto's HMAC, at
 * once. toJwt is asynchronous and imports the secret into WebCrypto on every call, which was
 * the largest part of a join's own CPU (bench/join-token.ts under --cpu-prof). The same
 * subject (room, identity, name, role, sources) asking again within REUSE_SECONDS gets the
 * token signed then: identical grants, an earlier nbf and exp.
 */
export function issueJoinToken(livekit: LiveKitDeps, subject: JoinTokenSubject): string {
  const signer = signerFor(livekit);
  const now = Math.floor(Date.now() / 1000);
  const reuseKey = JSON.stringify([
    subject.code,
    subject.identity,
    subject.name,
    subject.role,
    subject.allowScreenShare,
    subject.micOff === true,
  ]);
  const recent = signer.recent.get(reuseKey);
  if (recent && now - recent.signedAt < REUSE_SECONDS) return recent.token;
  const token = signJoinToken(livekit.apiKey, signer.key, subject, now);
  signer.recent.delete(reuseKey);
  if (signer.recent.size >= REUSE_MAX) {
    // Maps iterate in insertion order: drop the oldest.
    signer.recent.delete(signer.recent.keys().next().value!);
  }
  signer.recent.set(reuseKey, { token, signedAt: now });
  return token;
}

function signJoinToken(
  apiKey: string,
  key: KeyObject,
  subject: JoinTokenSubject,
  now: number,
): string {
  const metadata: ParticipantMetadata = {
    role: subject.role,
    userId: subject.identity,
    name: subject.name,
  };
  const payload = {
    ...claimsToJwtPayload({
      video: joinGrant(subject),
      name: subject.name,
      metadata: JSON.stringify(metadata),
    }),
    iss: apiKey,
    exp: now + JOIN_TOKEN_TTL_SECONDS,
    nbf: now,
    sub: subject.identity,
  };
  const signed = `${HS256_HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  const signature = createHmac('sha256', key).update(signed).digest('base64url');
  return `${signed}.${signature}`;
}
