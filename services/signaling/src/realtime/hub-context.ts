import type { FastifyBaseLogger } from 'fastify';
import type { SignalingDeps } from '../deps.js';
import type { Connection } from './connection.js';
import type { LocalMeeting } from './local-meeting.js';
import type { SocketMetrics } from './socket-metrics.js';

/**
 * What the hub lends the functions it calls (entering, delivering, reaping, frames). They
 * take this interface, never the Hub class, so the hub stays their one owner and nothing
 * imports it back.
 */
export interface HubContext {
  readonly instanceId: string;
  readonly heartbeatMs: number;
  readonly deps: SignalingDeps;
  readonly log: FastifyBaseLogger;
  readonly gauges: SocketMetrics;
  readonly closing: boolean;
  reserve(code: string): Promise<LocalMeeting>;
  abandon(meeting: LocalMeeting): void;
  seat(conn: Connection, meeting: LocalMeeting): void;
  /** Sockets that have not said hello yet. */
  readonly pending: Set<Connection>;
  /** Tracks a new socket until it closes. */
  add(conn: Connection): void;
  remove(conn: Connection): void;
}
