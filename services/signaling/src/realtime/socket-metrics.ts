import type { Metrics } from '@gomeet/platform';
import { CLOSE } from '@gomeet/protocol';
import { Counter, Gauge } from 'prom-client';

/** The runbook's real-time gauges, and the disconnect counter, for this instance. */
export interface SocketMetrics {
  connections: Gauge<'service'>;
  participants: Gauge<'service'>;
  meetings: Gauge<'service'>;
  disconnects: Counter<'service' | 'reason'>;
}

/** Why a socket ended, as a bounded label: the WebSocketDisconnectSpike alert watches "dropped". */
export type DisconnectReason = 'normal' | 'dropped' | 'error' | 'policy';
export const DISCONNECT_REASONS: readonly DisconnectReason[] = [
  'normal',
  'dropped',
  'error',
  'policy',
];

/**
 * Classifies a close code: 1006 (no close frame: the network or the client vanished) and our
 * heartbeat timeout are "dropped"; 1011 is our own "error"; the other 4xxx codes are policy
 * (removed, meeting ended, replaced, refused); 1000/1001/1005 are an orderly close.
 */
export function disconnectReason(code: number): DisconnectReason {
  if (code === 1006 || code === CLOSE.IDLE) return 'dropped';
  if (code === 1011) return 'error';
  if (code >= 4000 && code <= 4999) return 'policy';
  return 'normal';
}

function gauge(metrics: Metrics, name: string, help: string): Gauge<'service'> {
  // The all-in-one server and tests may mount signaling twice on one registry: share the series.
  const existing = metrics.registry.getSingleMetric(name);
  if (existing) return existing as Gauge<'service'>;
  return new Gauge({ name, help, labelNames: ['service'], registers: [metrics.registry] });
}

/** Creates (or reuses) the gauges on the process registry. */
export function createSocketMetrics(metrics: Metrics): SocketMetrics {
  return {
    connections: gauge(
      metrics,
      'gomeet_websocket_connections_total',
      'Open WebSocket connections on this signaling instance (any state).',
    ),
    participants: gauge(
      metrics,
      'gomeet_participants_total',
      'Sockets of full meeting members on this signaling instance (lobby excluded).',
    ),
    meetings: gauge(
      metrics,
      'gomeet_active_meetings_total',
      'Meetings with at least one socket on this signaling instance.',
    ),
    disconnects: disconnectCounter(metrics),
  };
}

function disconnectCounter(metrics: Metrics): Counter<'service' | 'reason'> {
  const name = 'gomeet_websocket_disconnects_total';
  const existing = metrics.registry.getSingleMetric(name);
  if (existing) return existing as Counter<'service' | 'reason'>;
  const counter = new Counter({
    name,
    help: 'WebSocket connections ended on this signaling instance, by reason (normal, dropped, error, policy).',
    labelNames: ['service', 'reason'],
    registers: [metrics.registry],
  });
  // Every series exists from the start, so rate() sees the first disconnect as an increase.
  for (const reason of DISCONNECT_REASONS) counter.inc({ ...SERVICE_LABEL, reason }, 0);
  return counter;
}

/** Label set of every series this service reports. */
export const SERVICE_LABEL = { service: 'signaling' } as const;
