import type { ParseKeys } from 'i18next';
import type { ConnectivityReport } from './connection-probes';

/** A sentence for the person, as a key of the `prejoin` namespace and its values. */
export interface Message {
  key: ParseKeys<'prejoin'>;
  values?: Record<string, string>;
}

/** One line of the check: what was probed and how it went ('later': checked when joining). */
export interface CheckLine {
  id: 'signalling' | 'media' | 'udp' | 'tcp' | 'turn';
  state: 'ok' | 'blocked' | 'later';
  detail: Message;
}

/** The plain answer: can calls connect, and what to do when they may not. */
export interface Verdict {
  ready: boolean;
  headline: Message;
  advice: Message | null;
  lines: CheckLine[];
}

/** "turn:host:3478?transport=tcp" → "host:3478". */
const addressOf = (turnUrl: string) => turnUrl.replace(/^turns?:/, '').replace(/\?.*$/, '');
/** TURN over TLS (turns:) and ?transport=tcp use TCP; plain turn: is UDP unless it says so. */
const transportOf = (turnUrl: string): 'udp' | 'tcp' =>
  turnUrl.startsWith('turns:') || /[?&]transport=tcp\b/i.test(turnUrl) ? 'tcp' : 'udp';

const message = (key: Message['key'], values?: Record<string, string>): Message =>
  values ? { key, values } : { key };

const CHECKED_WHEN_JOINING = message('connection.details.checkedWhenJoining');

/**
 * UDP or TCP: open when the media probe connected over it or a TURN URL of that transport
 * answered; blocked when the probe had to use the other one (or nothing) and no TURN URL of it
 * answered; else checked when joining.
 */
function transportLine(report: ConnectivityReport, id: 'udp' | 'tcp'): CheckLine {
  const probes = report.turn.filter((t) => transportOf(t.url) === id);
  const open = message(id === 'udp' ? 'connection.details.udpOpen' : 'connection.details.tcpOpen');
  if (report.media?.via === id || probes.some((t) => t.reachable))
    return { id, state: 'ok', detail: open };
  const m = report.media;
  const probeSaysNo =
    m !== null &&
    (!m.reached || (m.via !== null && (id === 'udp' ? m.via !== 'udp' : m.via === 'relay')));
  if (probes.length === 0 && !probeSaysNo)
    return { id, state: 'later', detail: CHECKED_WHEN_JOINING };
  return { id, state: 'blocked', detail: message('connection.details.blockedOrSilent') };
}

const CONNECTED_VIA = {
  udp: 'connection.details.connectedUdp',
  tcp: 'connection.details.connectedTcp',
  relay: 'connection.details.connectedRelay',
} as const;

/** Audio and video: whether the media probe's test connection got through, and how. */
function mediaLine(report: ConnectivityReport, host: string): CheckLine {
  const id = 'media';
  if (report.media === null) return { id, state: 'later', detail: CHECKED_WHEN_JOINING };
  if (!report.media.reached)
    return {
      id,
      state: 'blocked',
      detail: message('connection.details.mediaPortsBlocked', { host }),
    };
  const key = report.media.via ? CONNECTED_VIA[report.media.via] : 'connection.details.connected';
  return { id, state: 'ok', detail: message(key, { host }) };
}

/** Turns the probes' results into lines a person can read and one verdict. */
export function verdictOf(report: ConnectivityReport): Verdict {
  const mediaUrl = new URL(report.livekitUrl.replace(/^ws/, 'http'));
  const mediaHost = mediaUrl.host;
  const host = mediaUrl.hostname;
  const turn = [...new Set(report.turn.map((t) => addressOf(t.url)))].join(', ');
  const turnReached = report.turn.some((t) => t.reachable);
  const udp = transportLine(report, 'udp');
  const tcp = transportLine(report, 'tcp');
  const lines: CheckLine[] = [
    {
      id: 'signalling',
      state: report.signalling ? 'ok' : 'blocked',
      detail: message(
        report.signalling ? 'connection.details.reached' : 'connection.details.unreachable',
        { address: mediaHost },
      ),
    },
    mediaLine(report, host),
    udp,
    tcp,
    report.turn.length === 0
      ? { id: 'turn', state: 'later', detail: message('connection.details.turnNotSetUp') }
      : {
          id: 'turn',
          state: turnReached ? 'ok' : 'blocked',
          detail: message(
            turnReached ? 'connection.details.reached' : 'connection.details.unreachable',
            { address: turn },
          ),
        },
  ];
  const verdict = (ready: boolean, headline: Message, advice: Message | null): Verdict => ({
    ready,
    headline,
    advice,
    lines,
  });

  if (!report.signalling)
    return verdict(
      false,
      message('connection.verdicts.signallingBlocked.headline', { host: mediaHost }),
      message('connection.verdicts.signallingBlocked.advice', { host: mediaHost }),
    );
  const media = report.media;
  if (media && !media.reached && turnReached)
    return verdict(
      true,
      message('connection.verdicts.relayOnly.headline'),
      message('connection.verdicts.relayOnly.advice', { host }),
    );
  if (media && !media.reached)
    return verdict(
      false,
      message('connection.verdicts.mediaBlocked.headline', { host }),
      report.turn.length > 0
        ? message('connection.verdicts.mediaBlocked.adviceWithTurn', { host, turn })
        : message('connection.verdicts.mediaBlocked.advice', { host }),
    );
  if (media?.reached && report.turn.length > 0 && !turnReached)
    return verdict(
      true,
      message('connection.verdicts.turnUnreachable.headline', { turn }),
      message('connection.verdicts.turnUnreachable.advice', { turn }),
    );
  if (report.turn.length > 0 && !turnReached)
    return verdict(
      false,
      message('connection.verdicts.turnBlocked.headline', { turn }),
      message('connection.verdicts.turnBlocked.advice', { turn }),
    );
  if (udp.state === 'blocked')
    return verdict(
      true,
      message('connection.verdicts.overTcp.headline'),
      message('connection.verdicts.overTcp.advice'),
    );
  return verdict(true, message('connection.verdicts.ready.headline'), null);
}
