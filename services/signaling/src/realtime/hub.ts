import { randomUUID } from 'node:crypto';
import { meetingTopic } from '@gomeet/platform';
import { CLOSE } from '@gomeet/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { SignalingDeps } from '../deps.js';
import type { Connection } from './connection.js';
import type { HubContext } from './hub-context.js';
import { deliverEvent } from './deliver-event.js';
import { liveKeys } from './live-keys.js';
import { LocalMeeting } from './local-meeting.js';
import { reapStalePresence } from './reaper.js';
import { createSocketMetrics, SERVICE_LABEL, type SocketMetrics } from './socket-metrics.js';

/**
 * Everything real-time on this instance: its sockets, its meetings (one bus subscription
 * each) and the two sweep timers that replace per-socket timers (hello deadline, heartbeat).
 */
export class Hub implements HubContext {
  readonly instanceId = randomUUID();
  readonly heartbeatMs: number;
  readonly helloTimeoutMs: number;
  readonly connections = new Set<Connection>();
  /** Sockets that have not said hello yet, oldest first (Set keeps insertion order). */
  readonly pending = new Set<Connection>();
  readonly meetings = new Map<string, LocalMeeting>();
  readonly gauges: SocketMetrics;
  closing = false;
  private timers: NodeJS.Timeout[] = [];
  private stopRevocations: (() => void) | undefined;

  constructor(
    readonly deps: SignalingDeps,
    readonly log: FastifyBaseLogger,
  ) {
    this.heartbeatMs = deps.heartbeatMs ?? 25_000;
    this.helloTimeoutMs = deps.helloTimeoutMs ?? 5_000;
    this.gauges = createSocketMetrics(deps.metrics);
  }

  /** Starts the sweep timers and announces this instance as alive. */
  start(): void {
    const helloTick = Math.max(20, Math.floor(this.helloTimeoutMs / 5));
    this.timers.push(setInterval(() => this.sweepHellos(), helloTick));
    this.timers.push(setInterval(() => this.heartbeat(), this.heartbeatMs));
    this.stopRevocations = this.deps.revocations?.onRevoked((sid) => this.closeSession(sid));
    this.announce();
  }

  /** Closes every socket here of a session that signed out (on whichever pod it did). */
  closeSession(sessionId: string): void {
    for (const conn of this.connections) {
      if (conn.sessionId === sessionId) conn.close(CLOSE.SESSION_REVOKED, 'session signed out');
    }
  }

  /** Tracks a new socket until it closes. */
  add(conn: Connection): void {
    this.connections.add(conn);
    this.pending.add(conn);
    this.gauges.connections.inc(SERVICE_LABEL);
  }

  /** Forgets a closed socket: its meeting slot, its counts, and the meeting if it was the last. */
  remove(conn: Connection): void {
    this.connections.delete(conn);
    this.pending.delete(conn);
    this.gauges.connections.dec(SERVICE_LABEL);
    if (conn.state === 'member') this.gauges.participants.dec(SERVICE_LABEL);
    conn.state = 'closed';
    const meeting = conn.meeting && this.meetings.get(conn.meeting.code);
    if (!meeting || meeting !== conn.meeting || meeting.sockets.get(conn.identity) !== conn) return;
    meeting.sockets.delete(conn.identity);
    if (meeting.sockets.size === 0 && meeting.reservations === 0) this.dropMeeting(meeting);
  }

  /**
   * Reserves a place in the local meeting `code`, subscribing to its topic if it is new here.
   * The caller then either seats a connection or abandons the reservation.
   */
  async reserve(code: string): Promise<LocalMeeting> {
    let meeting = this.meetings.get(code);
    if (!meeting) {
      const created = new LocalMeeting(code);
      meeting = created;
      this.meetings.set(code, created);
      this.gauges.meetings.inc(SERVICE_LABEL);
      created.ready = this.deps.bus
        .subscribe(meetingTopic(code), (raw) => deliverEvent(this, created, raw))
        .then((unsubscribe) => {
          created.unsubscribe = unsubscribe;
        });
    }
    meeting.reservations += 1;
    try {
      await meeting.ready;
    } catch (error) {
      this.abandon(meeting);
      throw error;
    }
    return meeting;
  }

  /** Gives back a reservation that will not be seated (the socket closed, or it failed). */
  abandon(meeting: LocalMeeting): void {
    meeting.reservations -= 1;
    if (meeting.sockets.size === 0 && meeting.reservations === 0) this.dropMeeting(meeting);
  }

  /** Seats `conn` on its reservation, closing an older local socket of the same identity. */
  seat(conn: Connection, meeting: LocalMeeting): void {
    meeting.reservations -= 1;
    const old = meeting.sockets.get(conn.identity);
    if (old && old !== conn) {
      old.superseded = true;
      old.close(CLOSE.REPLACED, 'replaced by a newer connection');
    }
    meeting.sockets.set(conn.identity, conn);
    conn.meeting = meeting;
  }

  private dropMeeting(meeting: LocalMeeting): void {
    if (this.meetings.get(meeting.code) !== meeting) return;
    this.meetings.delete(meeting.code);
    this.gauges.meetings.dec(SERVICE_LABEL);
    void this.unsubscribe(meeting);
  }

  private async unsubscribe(meeting: LocalMeeting): Promise<void> {
    const unsubscribe = meeting.unsubscribe;
    meeting.unsubscribe = undefined;
    await unsubscribe?.().catch((err: unknown) => this.log.warn({ err }, 'bus unsubscribe failed'));
  }

  private sweepHellos(): void {
    const deadline = Date.now() - this.helloTimeoutMs;
    for (const conn of this.pending) {
      if (conn.connectedAt > deadline) break;
      this.pending.delete(conn);
      conn.fail('UNAUTHENTICATED', 'No hello in time.');
      conn.close(CLOSE.IDLE, 'no hello in time');
    }
  }

  private heartbeat(): void {
    for (const conn of this.connections) {
      if (!conn.open) continue;
      if (conn.missedPongs >= 2) {
        conn.close(CLOSE.IDLE, 'no pong in time');
        continue;
      }
      conn.missedPongs += 1;
      conn.ws.ping();
    }
    this.announce();
    for (const meeting of this.meetings.values()) {
      reapStalePresence(this, meeting).catch((err: unknown) =>
        this.log.warn({ err, meeting: meeting.code }, 'presence reaping failed'),
      );
    }
  }

  /** Marks this instance alive for a few heartbeats, so others leave its sockets' presence be. */
  private announce(): void {
    this.deps.live
      .set(liveKeys.instance(this.instanceId), '1', this.heartbeatMs * 3)
      .catch((err: unknown) => this.log.warn({ err }, 'instance heartbeat failed'));
  }

  /**
   * Going away (deploy, shutdown): closes every socket with 1001 so clients reconnect to
   * another instance. Presence stays in live state for them to pick up again there.
   */
  async close(): Promise<void> {
    this.closing = true;
    this.stopRevocations?.();
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    for (const conn of this.connections) {
      conn.superseded = true;
      conn.close(CLOSE.GOING_AWAY, 'server going away');
    }
    await Promise.all([...this.meetings.values()].map((m) => this.unsubscribe(m)));
  }
}
