import type { ConnectivityReport } from './connection-probes';

/** One line of the check: what was probed and how it went ('later': checked when joining). */
export interface CheckLine {
  id: 'signalling' | 'udp' | 'tcp' | 'turn';
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

function transportLine(report: ConnectivityReport, id: 'udp' | 'tcp', use: string): CheckLine {
  const probes = report.turn.filter((t) => transportOf(t.url) === id);
  const label = id.toUpperCase();
  if (probes.length === 0) return { id, label, state: 'later', detail: 'Checked when you join' };
  return probes.some((t) => t.reachable)
    ? { id, label, state: 'ok', detail: `Open (${use})` }
    : { id, label, state: 'blocked', detail: 'Blocked or not answering' };
}

/** Turns the probes' results into lines a person can read and one verdict. */
export function verdictOf(report: ConnectivityReport): Verdict {
  const mediaHost = new URL(report.livekitUrl.replace(/^ws/, 'http')).host;
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
