import type { Metrics } from '@gomeet/platform';
import { Gauge } from 'prom-client';

/** The runbook's real-time gauges, for this instance. */
export interface SocketMetrics {
  connections: Gauge<'service'>;
  participants: Gauge<'service'>;
  meetings: Gauge<'service'>;
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
  };
}

/** Label set of every series this service reports. */
export const SERVICE_LABEL = { service: 'signaling' } as const;
