import { clientMessage, CLOSE, PROTOCOL_VERSION, type ClientMessage } from '@gomeet/protocol';
import type WebSocket from 'ws';
import { handleMemberFrame } from './client-frames.js';
import { Connection } from './connection.js';
import type { FrameKind } from './frame-limits.js';
import { enterMeeting, leaveMeeting } from './enter-meeting.js';
import { authorise } from './handshake.js';
import type { HubContext } from './hub-context.js';
import { disconnectReason, SERVICE_LABEL } from './socket-metrics.js';

/** Wires a freshly upgraded socket to the hub: frames in, pongs, close. */
export function acceptSocket(hub: HubContext, ws: WebSocket): void {
  const conn = new Connection(ws);
  hub.add(conn);
  ws.on('message', (data, isBinary) => onFrame(hub, conn, data, isBinary));
  ws.on('pong', () => {
    conn.missedPongs = 0;
  });
  ws.once('close', (code: number) => {
    hub.gauges.disconnects.inc({ ...SERVICE_LABEL, reason: disconnectReason(code) });
    const wasMember = conn.state === 'member';
    hub.remove(conn);
    if (wasMember) conn.run(() => leaveMeeting(hub, conn), failed(hub, conn));
  });
}

/** What to do when a task of `conn` fails: log it, tell the client, and end a half-open hello. */
function failed(hub: HubContext, conn: Connection): (error: unknown) => void {
  return (err) => {
    hub.log.error({ err, identity: conn.identity || undefined }, 'socket task failed');
    if (!conn.open) return;
    conn.fail('UNAVAILABLE', 'Something went wrong on our side; reconnect soon.');
    if (conn.state === 'hello') conn.close(1011, 'internal error');
  };
}

/** Parses a frame to a JSON value, or undefined when it is not text JSON. */
function parseJson(data: WebSocket.RawData, isBinary: boolean): unknown {
  // The server's binaryType is 'nodebuffer': text frames arrive as one Buffer.
  if (isBinary || !Buffer.isBuffer(data)) return undefined;
  try {
    return JSON.parse(data.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function onFrame(
  hub: HubContext,
  conn: Connection,
  data: WebSocket.RawData,
  isBinary: boolean,
): void {
  if (!conn.open) return;
  const json = parseJson(data, isBinary);
  const awaitingHello = hub.pending.has(conn);
  const type = (json as { type?: unknown } | null)?.type;
  if (awaitingHello && type !== 'hello') {
    conn.fail('VALIDATION', 'The first frame must be a hello.');
    return conn.close(CLOSE.BAD_REQUEST, 'expected hello');
  }
  if (type === 'hello' && awaitingHello) {
    hub.pending.delete(conn);
    return onHello(hub, conn, json);
  }
  const parsed = clientMessage.safeParse(json);
  if (!admitFrame(hub, conn, parsed.success ? parsed.data.type : 'invalid')) return;
  if (!parsed.success) {
    return conn.fail('VALIDATION', describeIssue(parsed.error.issues[0]));
  }
  conn.run(() => handleFrame(hub, conn, parsed.data), failed(hub, conn));
}

/**
 * Applies the socket's per-type frame limit: over it, the first frame gets an
 * `error RATE_LIMITED` warning and is dropped, later ones are dropped silently (no reply
 * amplification), and a further whole burst closes the socket with 4429.
 */
function admitFrame(hub: HubContext, conn: Connection, kind: FrameKind): boolean {
  const verdict = conn.limiter.take(kind);
  if (verdict === 'ok') return true;
  if (verdict === 'warn') {
    conn.fail('RATE_LIMITED', `Too many ${kind} frames; slow down or this socket will be closed.`);
  } else if (verdict === 'close') {
    hub.log.warn({ identity: conn.identity || undefined, kind }, 'socket closed: frame flood');
    conn.close(CLOSE.RATE_LIMITED, 'too many frames');
  }
  return false;
}

function onHello(hub: HubContext, conn: Connection, json: unknown): void {
  const v = (json as { v?: unknown }).v;
  const parsed = clientMessage.safeParse(json);
  if (v !== PROTOCOL_VERSION || !parsed.success || parsed.data.type !== 'hello') {
    const message =
      v !== PROTOCOL_VERSION
        ? `Protocol version ${String(v)} is not spoken here; use ${PROTOCOL_VERSION}.`
        : describeIssue(parsed.error?.issues[0]);
    conn.fail('VALIDATION', message);
    return conn.close(CLOSE.BAD_REQUEST, 'bad hello');
  }
  const hello = parsed.data;
  conn.run(
    async () => {
      const result = await authorise(hub.deps, hello);
      if (!conn.open || hub.closing) return;
      if (result.refused) {
        conn.fail(result.code, result.message);
        return conn.close(result.close, result.code.toLowerCase());
      }
      await enterMeeting(hub, conn, hello.meeting, result);
    },
    failed(hub, conn),
  );
}

async function handleFrame(hub: HubContext, conn: Connection, frame: ClientMessage): Promise<void> {
  if (!conn.open) return;
  switch (frame.type) {
    case 'ping':
      return conn.send({ type: 'pong' });
    case 'hello':
      return conn.fail('VALIDATION', 'This socket has already said hello.');
    default:
      return handleMemberFrame(hub, conn, frame);
  }
}

function describeIssue(issue: { path: PropertyKey[]; message: string } | undefined): string {
  if (!issue) return 'The frame is not a JSON message this server understands.';
  const at = issue.path.map(String).join('.');
  return at ? `Invalid frame: ${at}: ${issue.message}` : `Invalid frame: ${issue.message}`;
}
