import { isLoopback } from './media-address.js';
import type { RunningGoMeet } from './start.js';

/**
 * What `npm start` prints: where GoMeet runs and, when other machines may connect, what they
 * need — a secure origin for camera and microphone, and the media ports to open.
 */
export function startBanner(
  gomeet: Pick<RunningGoMeet, 'url' | 'livekitUrl' | 'media'> &
    Partial<Pick<RunningGoMeet, 'recording' | 'mail'>>,
  host: string,
): string {
  const { media } = gomeet;
  const lines = ['', `  GoMeet is running at ${gomeet.url}`];
  if (isLoopback(host)) {
    lines.push('  Only this machine can connect (HOST=0.0.0.0 to accept others).');
  } else {
    lines.push(`  Others open ${gomeet.url}${media.tls ? '' : ' (HTTP)'}`);
    if (!media.tls)
      lines.push(
        '  Browsers give camera and microphone only to secure origins (https:// or localhost):',
        '  set TLS_CERT and TLS_KEY to serve HTTPS, or people on other machines join without them.',
      );
    if (media.livekit)
      lines.push(
        `  Media: LiveKit advertises ${media.nodeIp}; open UDP ${media.livekit.udpPort} and TCP ${media.livekit.tcpPort}` +
          (media.tls ? '' : `, and TCP ${media.livekit.port} (signalling)`) +
          ' in the firewall.',
      );
  }
  if (media.turn)
    lines.push(
      `  TURN: coturn on ${media.turn.urls.join(', ')} (UDP/TCP ${media.turn.port}, relay UDP ${media.turn.relayPorts.join('-')}); log ${media.turn.logFile}`,
    );
  else lines.push('  TURN: coturn is not running (apt-get install coturn, or set TURN_URLS).');
  const recording = gomeet.recording;
  if (recording)
    lines.push(
      recording.on
        ? `  Recording: on (ffmpeg ${recording.ffmpeg})`
        : `  Recording: off — ${recording.reason}`,
    );
  if (gomeet.mail)
    lines.push(
      `  Mail: ${gomeet.mail.mode === 'folder' ? `no SMTP_URL, written to ${gomeet.mail.folder}` : 'over SMTP_URL'}`,
    );
  lines.push(`  LiveKit (from this machine): ${gomeet.livekitUrl}`, '  Press Ctrl-C to stop.', '');
  return lines.join('\n');
}
