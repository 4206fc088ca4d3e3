import { connectivityTargets, type ConnectivityTargets } from '@gomeet/protocol';
import { api } from '../api/http';

/** How long one probe may take before its server counts as unreachable. */
const PROBE_TIMEOUT_MS = 8000;

/** Where the pre-join check probes: public, no TURN credentials (those come with admission). */
export const getConnectivityTargets = (): Promise<ConnectivityTargets> =>
  api('/api/meetings/connectivity', { auth: 'none', schema: connectivityTargets });

/**
 * Whether LiveKit's signalling port answers. It serves plain HTTP there (`/rtc/validate` is 401
 * without a token): any answer proves the path; only a network failure rejects a no-cors fetch.
 */
export async function probeSignalling(livekitUrl: string): Promise<boolean> {
  const base = livekitUrl.replace(/^ws/, 'http').replace(/\/+$/, '');
  try {
    await fetch(`${base}/rtc/validate`, {
      mode: 'no-cors',
      cache: 'no-store',
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether the TURN server at `url` answers. ICE gathering with made-up credentials asks it for
 * an allocation: a reachable server refuses with a STUN error (401), reported as an
 * icecandidateerror with that code; an unreachable one gives 701 (Chrome's "could not reach
 * the server") or nothing before the timeout.
 */
export async function probeTurn(url: string): Promise<boolean> {
  const pc = new RTCPeerConnection({
    iceServers: [{ urls: url, username: 'gomeet-connection-check', credential: 'none' }],
    iceTransportPolicy: 'relay',
  });
  try {
    let timer: ReturnType<typeof setTimeout> | undefined;
    return await new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
      pc.onicecandidateerror = (e) => {
        const code = e.errorCode;
        // STUN error classes 3xx–6xx come from the server; 7xx are the browser's own failures.
        resolve(code >= 300 && code < 700);
      };
      // A relay candidate would mean the server let us in: reachable all the same.
      pc.onicecandidate = (e) => {
        if (e.candidate?.type === 'relay') resolve(true);
      };
      pc.onicegatheringstatechange = () => {
        if (pc.iceGatheringState === 'complete') resolve(false);
      };
      pc.createDataChannel('connection-check');
      pc.createOffer()
        .then((offer) => pc.setLocalDescription(offer))
        .catch(() => resolve(false));
    }).finally(() => clearTimeout(timer));
  } finally {
    pc.close();
  }
}

/** How the media probe's test connection reached LiveKit: its own UDP or TCP port, or a relay. */
export type MediaPath = 'udp' | 'tcp' | 'relay';

/** What the media probe found: whether audio and video can flow, and along which path. */
export interface MediaProbe {
  reached: boolean;
  via: MediaPath | null;
}

/** The path a connected peer connection uses: its selected candidate pair's remote side. */
async function selectedPath(pc: { getStats(): Promise<RTCStatsReport> | undefined } | undefined) {
  const report = await pc?.getStats();
  if (!report) return null;
  const stats = [...report.values()] as Record<string, unknown>[];
  const transport = stats.find((s) => s.type === 'transport' && s.selectedCandidatePairId);
  const pair =
    stats.find((s) => s.id === transport?.selectedCandidatePairId) ??
    stats.find((s) => s.type === 'candidate-pair' && s.state === 'succeeded' && s.nominated);
  const remote = stats.find((s) => s.id === pair?.remoteCandidateId);
  const local = stats.find((s) => s.id === pair?.localCandidateId);
  if (!remote) return null;
  if (remote.candidateType === 'relay' || local?.candidateType === 'relay') return 'relay';
  return remote.protocol === 'tcp' ? 'tcp' : 'udp';
}

/**
 * Whether audio and video can reach LiveKit's media ports: a short test connection with the
 * connectivity route's token (a hidden participant who sends nothing), without our TURN relay,
 * so it succeeds only over LiveKit's own UDP or TCP port. livekit-client loads only now, in the
 * chunk the room uses anyway.
 */
export async function probeMedia(livekitUrl: string, token: string): Promise<MediaProbe> {
  const { Room } = await import('livekit-client');
  const room = new Room({ adaptiveStream: false, dynacast: false });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), PROBE_TIMEOUT_MS * 2);
    });
    const connecting = room.connect(livekitUrl, token, {
      autoSubscribe: false,
      maxRetries: 0,
      peerConnectionTimeout: PROBE_TIMEOUT_MS,
      rtcConfig: { iceServers: [], iceTransportPolicy: 'all' },
    });
    await Promise.race([connecting, timeout]);
    const pcs = room.engine.pcManager;
    const via = (await selectedPath(pcs?.subscriber)) ?? (await selectedPath(pcs?.publisher));
    return { reached: true, via };
  } catch {
    return { reached: false, via: null };
  } finally {
    clearTimeout(timer);
    await room.disconnect().catch(() => undefined);
  }
}

/** One TURN URL and whether it answered. */
export interface TurnProbe {
  url: string;
  reachable: boolean;
}

/** What the pre-join check found. */
export interface ConnectivityReport {
  livekitUrl: string;
  signalling: boolean;
  /** The test connection to LiveKit's media ports; null when the server gave no token for it. */
  media: MediaProbe | null;
  turn: TurnProbe[];
}

/** Runs every probe at once: signalling, media and each TURN URL. */
export async function checkConnectivity(): Promise<ConnectivityReport> {
  const { livekitUrl, turnUrls, mediaProbeToken } = await getConnectivityTargets();
  const [signalling, media, answers] = await Promise.all([
    probeSignalling(livekitUrl),
    mediaProbeToken ? probeMedia(livekitUrl, mediaProbeToken) : null,
    Promise.all(turnUrls.map(probeTurn)),
  ]);
  return {
    livekitUrl,
    signalling,
    media,
    turn: turnUrls.map((url, i) => ({ url, reachable: answers[i] ?? false })),
  };
}
