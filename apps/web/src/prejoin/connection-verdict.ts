import type { ConnectivityReport } from './connection-probes';

/** One line of the check: what was probed and how it went ('later': checked when joining). */
export interface CheckLine {
  id: 'signalling' | 'media' | 'udp' | 'tcp' | 'turn';
  label: string;
  state: 'ok' | 'blocked' | 'later';
  detail: string;
}

/** The plain answer: can calls connect, and what to do when they may not. */
export interface Verdict {
  ready: boolean;
  headline: string;
  advice: string | null;
  lines: CheckLine[];
}

/** "turn:host:3478?transport=tcp" → "host:3478". */
const addressOf = (turnUrl: string) => turnUrl.replace(/^turns?:/, '').replace(/\?.*$/, '');
/** TURN over TLS (turns:) and ?transport=tcp use TCP; plain turn: is UDP unless it says so. */
const transportOf = (turnUrl: string): 'udp' | 'tcp' =>
  turnUrl.startsWith('turns:') || /[?&]transport=tcp\b/i.test(turnUrl) ? 'tcp' : 'udp';

/**
 * UDP or TCP: open when the media probe connected over it or a TURN URL of that transport
 * answered; blocked when the probe had to use the other one (or nothing) and no TURN URL of it
 * answered; else checked when joining.
 */
function transportLine(report: ConnectivityReport, id: 'udp' | 'tcp', use: string): CheckLine {
  const probes = report.turn.filter((t) => transportOf(t.url) === id);
  const label = id.toUpperCase();
  const open = { id, label, state: 'ok', detail: `Open (${use})` } as const;
  if (report.media?.via === id || probes.some((t) => t.reachable)) return open;
  const m = report.media;
  const probeSaysNo =
    m !== null &&
    (!m.reached || (m.via !== null && (id === 'udp' ? m.via !== 'udp' : m.via === 'relay')));
  if (probes.length === 0 && !probeSaysNo)
    return { id, label, state: 'later', detail: 'Checked when you join' };
  return { id, label, state: 'blocked', detail: 'Blocked or not answering' };
}

const PATH_NAMES = { udp: 'over UDP', tcp: 'over TCP', relay: 'through a relay' } as const;

/** Audio and video: whether the media probe's test connection got through, and how. */
function mediaLine(report: ConnectivityReport, mediaName: string): CheckLine {
  const base = { id: 'media', label: 'Audio and video' } as const;
  if (report.media === null) return { ...base, state: 'later', detail: 'Checked when you join' };
  if (!report.media.reached)
    return { ...base, state: 'blocked', detail: `Cannot reach ${mediaName}'s media ports` };
  const path = report.media.via ? ` ${PATH_NAMES[report.media.via]}` : '';
  return { ...base, state: 'ok', detail: `Connected to ${mediaName}${path}` };
}

/** Turns the probes' results into lines a person can read and one verdict. */
export function verdictOf(report: ConnectivityReport): Verdict {
  const mediaUrl = new URL(report.livekitUrl.replace(/^ws/, 'http'));
  const mediaHost = mediaUrl.host;
  const turnAddresses = [...new Set(report.turn.map((t) => addressOf(t.url)))].join(', ');
  const turnReached = report.turn.some((t) => t.reachable);
  const udp = transportLine(report, 'udp', 'the fastest way for audio and video');
  const tcp = transportLine(report, 'tcp', 'the fallback when UDP is blocked');
  const lines: CheckLine[] = [
    {
      id: 'signalling',
      label: 'Media server',
      state: report.signalling ? 'ok' : 'blocked',
      detail: report.signalling ? `Reached ${mediaHost}` : `Cannot reach ${mediaHost}`,
    },
    mediaLine(report, mediaUrl.hostname),
    udp,
    tcp,
    report.turn.length === 0
      ? { id: 'turn', label: 'TURN relay', state: 'later', detail: 'Not set up on this server' }
      : {
          id: 'turn',
          label: 'TURN relay',
          state: turnReached ? 'ok' : 'blocked',
          detail: turnReached ? `Reached ${turnAddresses}` : `Cannot reach ${turnAddresses}`,
        },
  ];
  const verdict = (ready: boolean, headline: string, advice: string | null): Verdict => ({
    ready,
    headline,
    advice,
    lines,
  });

  if (!report.signalling)
    return verdict(
      false,
      `Calls will not connect: your network blocks the media server (${mediaHost}).`,
      `Try another network, or ask your admin to allow connections to ${mediaHost}.`,
    );
  const media = report.media;
  if (media && !media.reached && turnReached)
    return verdict(
      true,
      'Your connection is ready, through the TURN relay.',
      `Your network blocks the media server's own ports, so audio and video go through the relay; allowing UDP and TCP to ${mediaUrl.hostname} would make calls smoother.`,
    );
  if (media && !media.reached)
    return verdict(
      false,
      `Calls will not connect: your network blocks audio and video to the media server (${mediaUrl.hostname}).`,
      `Try another network, or ask your admin to allow UDP and TCP to ${mediaUrl.hostname}'s media ports${report.turn.length > 0 ? ` and to ${turnAddresses}` : ''}.`,
    );
  if (media?.reached && report.turn.length > 0 && !turnReached)
    return verdict(
      true,
      `Your connection is ready, but the TURN relay (${turnAddresses}) cannot be reached.`,
      `Calls connect directly here; on a stricter network they would need the relay: ask your admin to allow UDP and TCP to ${turnAddresses}.`,
    );
  if (report.turn.length > 0 && !turnReached)
    return verdict(
      false,
      `Calls may not connect: your network blocks the TURN relay (${turnAddresses}).`,
      `Try another network, or ask your admin to allow UDP and TCP to ${turnAddresses} and the media server's UDP and TCP ports.`,
    );
  if (udp.state === 'blocked')
    return verdict(
      true,
      'Your connection is ready, over TCP.',
      'UDP is blocked, so audio and video may lag; another network or allowing UDP would help.',
    );
  return verdict(true, 'Your connection is ready.', null);
}
