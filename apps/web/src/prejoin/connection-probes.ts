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

/** One TURN URL and whether it answered. */
export interface TurnProbe {
  url: string;
  reachable: boolean;
}

/** What the pre-join check found. */
export interface ConnectivityReport {
  livekitUrl: string;
  signalling: boolean;
  turn: TurnProbe[];
}

/** Runs every probe at once: signalling and each TURN URL. */
export async function checkConnectivity(): Promise<ConnectivityReport> {
  const { livekitUrl, turnUrls } = await getConnectivityTargets();
  const [signalling, ...answers] = await Promise.all([
    probeSignalling(livekitUrl),
    ...turnUrls.map(probeTurn),
  ]);
  return {
    livekitUrl,
    signalling: signalling ?? false,
    turn: turnUrls.map((url, i) => ({ url, reachable: answers[i] ?? false })),
  };
}
