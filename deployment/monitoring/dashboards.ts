/**
 * GoMeet's Grafana dashboards, rendered by generate.ts into dashboards/*.json (Grafana's
 * dashboard model, for file provisioning or the import screen). Label names follow
 * prometheus.yml: the kubernetes-pods job adds namespace, pod, node and app to every series.
 */

interface Target {
  expr: string;
  legendFormat: string;
}

interface PanelSpec {
  title: string;
  type: 'stat' | 'timeseries';
  unit?: string;
  targets: Target[];
}

export interface DashboardSpec {
  file: string;
  uid: string;
  title: string;
  panels: PanelSpec[];
}

const NS = 'namespace="gomeet"';
const USER_TRAFFIC = `${NS}, route!~"/healthz|/readyz|/metrics"`;
const NODE_SERVICES = `${NS}, app=~"auth-service|meeting-service|signaling-service|chat-service"`;

const stat = (title: string, expr: string, legendFormat: string): PanelSpec => ({
  title,
  type: 'stat',
  targets: [{ expr, legendFormat }],
});

const series = (title: string, unit: string, ...targets: Target[]): PanelSpec => ({
  title,
  type: 'timeseries',
  unit,
  targets,
});

export const dashboards: DashboardSpec[] = [
  {
    file: 'gomeet-system-overview.json',
    uid: 'gomeet-overview',
    title: 'GoMeet System Overview',
    panels: [
      stat('Active Meetings', 'sum(gomeet_active_meetings_total)', 'Active Meetings'),
      stat('Total Participants', 'sum(gomeet_participants_total)', 'Total Participants'),
      stat('WebSocket Connections', 'sum(gomeet_websocket_connections_total)', 'Connections'),
      series('Dependencies (1 = /readyz check passes)', 'none', {
        expr: 'min by (service, dependency) (gomeet_dependency_up)',
        legendFormat: '{{service}} → {{dependency}}',
      }),
      series('CPU by pod', 'short', {
        expr: `sum by (pod) (rate(container_cpu_usage_seconds_total{${NS}, container!=""}[5m]))`,
        legendFormat: 'CPU - {{pod}}',
      }),
      series('Memory by pod', 'bytes', {
        expr: `sum by (pod) (container_memory_working_set_bytes{${NS}, container!=""})`,
        legendFormat: 'Memory - {{pod}}',
      }),
      series('Unavailable replicas', 'none', {
        expr: `kube_deployment_status_replicas_unavailable{${NS}}`,
        legendFormat: '{{deployment}}',
      }),
      series('Container restarts (1h)', 'none', {
        expr: `sum by (pod) (increase(kube_pod_container_status_restarts_total{${NS}}[1h]))`,
        legendFormat: '{{pod}}',
      }),
    ],
  },
  {
    file: 'gomeet-performance.json',
    uid: 'gomeet-performance',
    title: 'GoMeet Performance',
    panels: [
      series('Request Rate', 'reqps', {
        expr: `sum by (service) (rate(http_requests_total{${USER_TRAFFIC}}[5m]))`,
        legendFormat: '{{service}}',
      }),
      series('Response Time', 's', {
        expr: `histogram_quantile(0.95, sum by (le, service) (rate(http_request_duration_seconds_bucket{${USER_TRAFFIC}, route!="/ws"}[5m])))`,
        legendFormat: '{{service}} P95',
      }),
      series('Error ratio (5xx)', 'percentunit', {
        expr: `sum by (service) (rate(http_requests_total{${USER_TRAFFIC}, status=~"5.."}[5m])) / sum by (service) (rate(http_requests_total{${USER_TRAFFIC}}[5m]))`,
        legendFormat: '{{service}}',
      }),
      series('Event loop lag p99', 's', {
        expr: `max by (pod) (nodejs_eventloop_lag_p99_seconds{${NODE_SERVICES}})`,
        legendFormat: '{{pod}}',
      }),
      series('Process CPU', 'short', {
        expr: `sum by (pod) (rate(process_cpu_seconds_total{${NODE_SERVICES}}[5m]))`,
        legendFormat: '{{pod}}',
      }),
      series(
        'Heap used / resident memory',
        'bytes',
        {
          expr: `sum by (pod) (nodejs_heap_size_used_bytes{${NODE_SERVICES}})`,
          legendFormat: 'heap {{pod}}',
        },
        {
          expr: `sum by (pod) (process_resident_memory_bytes{${NODE_SERVICES}})`,
          legendFormat: 'rss {{pod}}',
        },
      ),
    ],
  },
  {
    file: 'gomeet-livekit.json',
    uid: 'gomeet-livekit',
    title: 'GoMeet LiveKit',
    panels: [
      stat('Rooms', 'sum(livekit_room_total)', 'Rooms'),
      stat('Participants', 'sum(livekit_participant_total)', 'Participants'),
      stat('TURN allocations', 'sum(turn_total_allocations)', 'Allocations'),
      series('Participants by node', 'none', {
        expr: 'sum by (node_id) (livekit_participant_total)',
        legendFormat: '{{node_id}}',
      }),
      series('Published tracks by kind', 'none', {
        expr: 'sum by (kind) (livekit_track_published_total)',
        legendFormat: '{{kind}}',
      }),
      series('Media bandwidth by node', 'Bps', {
        expr: 'sum by (node_id, direction) (rate(livekit_packet_bytes[5m]))',
        legendFormat: '{{node_id}} {{direction}}',
      }),
      series('NACKs by node', 'short', {
        expr: 'sum by (node_id) (rate(livekit_nack_total[5m]))',
        legendFormat: '{{node_id}}',
      }),
      series('LiveKit CPU (cores)', 'short', {
        expr: `sum by (node) (rate(process_cpu_seconds_total{${NS}, app="livekit-sfu"}[5m]))`,
        legendFormat: '{{node}}',
      }),
      series('STUN binding errors', 'short', {
        expr: `sum by (pod) (rate(stun_binding_error{${NS}}[5m]))`,
        legendFormat: '{{pod}}',
      }),
    ],
  },
  {
    file: 'gomeet-signaling.json',
    uid: 'gomeet-signaling',
    title: 'GoMeet Signaling',
    panels: [
      series('WebSocket connections by pod', 'none', {
        expr: 'sum by (pod) (gomeet_websocket_connections_total)',
        legendFormat: '{{pod}}',
      }),
      series(
        'Meetings and participants',
        'none',
        {
          expr: 'sum(gomeet_active_meetings_total)',
          legendFormat: 'meetings (sum over pods)',
        },
        {
          expr: 'sum(gomeet_participants_total)',
          legendFormat: 'participant sockets',
        },
      ),
      series('Disconnects by reason', 'short', {
        expr: 'sum by (reason) (rate(gomeet_websocket_disconnects_total[5m]))',
        legendFormat: '{{reason}}',
      }),
      series('Signaling HTTP rate by status', 'reqps', {
        expr: `sum by (status) (rate(http_requests_total{${USER_TRAFFIC}, service="signaling"}[5m]))`,
        legendFormat: '{{status}}',
      }),
      series('Signaling event loop lag p99', 's', {
        expr: `max by (pod) (nodejs_eventloop_lag_p99_seconds{${NS}, app="signaling-service"})`,
        legendFormat: '{{pod}}',
      }),
    ],
  },
];
