/**
 * The one source of GoMeet's Prometheus alerting rules. generate.ts renders it as the plain
 * rules file (rules/gomeet-alerts.yml, for promtool and a plain Prometheus) and as the
 * PrometheusRule (prometheus-rule.yaml, for the Prometheus Operator); deployment/test checks
 * both committed files are current.
 *
 * Label names come from prometheus.yml's kubernetes-pods job (namespace, pod, node, app) and
 * from the exporters themselves (service, route, status from our services; node_id from
 * LiveKit; deployment, cronjob, ... from kube-state-metrics).
 */

export interface AlertRule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: 'critical' | 'warning' };
  annotations: { summary: string; description: string; runbook_url: string };
}

export interface RuleGroup {
  name: string;
  rules: AlertRule[];
}

/** Where each alert's runbook section lives: a heading in docs/ALERTS.md per alert. */
export const RUNBOOK = 'docs/ALERTS.md';

/** Probe, scrape and metrics routes: not user traffic, left out of error and latency ratios. */
const NOT_USER_TRAFFIC = 'route!~"/healthz|/readyz|/metrics"';
/** The WebSocket upgrade's "duration" is the whole socket's life: not a response time. */
const NOT_SOCKETS = 'route!="/ws"';
/** Below this rate (requests/s over 5 minutes, 30 requests) one error is not an error rate. */
const MIN_RATE = 0.1;

function rule(
  alert: string,
  severity: 'critical' | 'warning',
  forDuration: string,
  expr: string,
  summary: string,
  description: string,
): AlertRule {
  return {
    alert,
    expr: expr.trim(),
    for: forDuration,
    labels: { severity },
    annotations: { summary, description, runbook_url: `${RUNBOOK}#${alert.toLowerCase()}` },
  };
}

export const groups: RuleGroup[] = [
  {
    name: 'gomeet.services',
    rules: [
      rule(
        'HighErrorRate',
        'warning',
        '5m',
        `
(
  sum by (service) (rate(http_requests_total{status=~"5..", ${NOT_USER_TRAFFIC}}[5m]))
/
  sum by (service) (rate(http_requests_total{${NOT_USER_TRAFFIC}}[5m]))
) > 0.05
and
sum by (service) (rate(http_requests_total{${NOT_USER_TRAFFIC}}[5m])) > ${MIN_RATE}
`,
        'More than 5% of {{ $labels.service }} requests fail',
        '{{ $value | humanizePercentage }} of {{ $labels.service }} requests answered 5xx over the last 5 minutes (health probes excluded; only with at least 0.1 requests/s).',
      ),
      rule(
        'HighResponseTime',
        'warning',
        '5m',
        `
histogram_quantile(0.95,
  sum by (le, service) (rate(http_request_duration_seconds_bucket{${NOT_USER_TRAFFIC}, ${NOT_SOCKETS}}[5m]))
) > 1
and
sum by (service) (rate(http_request_duration_seconds_count{${NOT_USER_TRAFFIC}, ${NOT_SOCKETS}}[5m])) > ${MIN_RATE}
`,
        '{{ $labels.service }} answers slowly (p95 above 1 s)',
        'The 95th percentile response time of {{ $labels.service }} is {{ $value | humanizeDuration }} over the last 5 minutes (WebSocket upgrades and probes excluded).',
      ),
      rule(
        'DatabaseDown',
        'critical',
        '2m',
        `max by (service) (gomeet_dependency_up{dependency="database"}) == 0`,
        'No {{ $labels.service }} pod reaches the database',
        'Every {{ $labels.service }} pod has failed its /readyz database check (gomeet_dependency_up) for 2 minutes. The managed PostgreSQL is down, unreachable from the cluster, or DATABASE_URL is wrong.',
      ),
    ],
  },
  {
    name: 'gomeet.kubernetes',
    rules: [
      rule(
        'PodCrashLooping',
        'warning',
        '5m',
        `
max by (namespace, pod, container) (kube_pod_container_status_waiting_reason{namespace="gomeet", reason="CrashLoopBackOff"}) == 1
or
sum by (namespace, pod, container) (increase(kube_pod_container_status_restarts_total{namespace="gomeet"}[15m])) > 3
`,
        'Container {{ $labels.container }} in {{ $labels.pod }} is crash-looping',
        '{{ $labels.pod }}/{{ $labels.container }} is in CrashLoopBackOff or restarted more than 3 times in 15 minutes.',
      ),
      rule(
        'ReplicasUnavailable',
        'warning',
        '10m',
        `
max by (namespace, deployment) (kube_deployment_status_replicas_unavailable{namespace="gomeet"}) > 0
or
max by (namespace, daemonset) (kube_daemonset_status_number_unavailable{namespace="gomeet"}) > 0
`,
        '{{ $labels.deployment }}{{ $labels.daemonset }} has unavailable replicas',
        '{{ $value }} replica(s) of {{ $labels.deployment }}{{ $labels.daemonset }} have been unavailable for 10 minutes.',
      ),
    ],
  },
  {
    name: 'gomeet.media',
    rules: [
      rule(
        'LiveKitDown',
        'critical',
        '2m',
        `up{namespace="gomeet", app="livekit-sfu"} == 0`,
        'LiveKit on {{ $labels.node }} does not answer its metrics scrape',
        'Prometheus has failed to scrape LiveKit pod {{ $labels.pod }} on node {{ $labels.node }} for 2 minutes: media for meetings on that node is likely down.',
      ),
      rule(
        'LiveKitNodeHighLoad',
        'warning',
        '10m',
        `
sum by (pod, node) (rate(process_cpu_seconds_total{namespace="gomeet", app="livekit-sfu"}[5m]))
/ on (pod) group_left
sum by (pod) (kube_pod_container_resource_requests{namespace="gomeet", container="livekit-sfu", resource="cpu"})
> 0.85
`,
        'LiveKit on {{ $labels.node }} uses more than 85% of its CPU',
        'LiveKit pod {{ $labels.pod }} has used {{ $value | humanizePercentage }} of its CPU request for 10 minutes: new rooms should go to another media node; add one.',
      ),
      rule(
        'LiveKitNodeCrowded',
        'warning',
        '10m',
        `sum by (node_id) (livekit_participant_total) > 300`,
        'LiveKit node {{ $labels.node_id }} carries more than 300 participants',
        '{{ $value }} participants are connected to LiveKit node {{ $labels.node_id }}; raise the media pool before quality drops.',
      ),
      rule(
        'TurnServerDown',
        'warning',
        '2m',
        `up{namespace="gomeet", app="coturn"} == 0`,
        'coturn on {{ $labels.node }} does not answer its metrics scrape',
        'Prometheus has failed to scrape coturn pod {{ $labels.pod }} for 2 minutes: participants behind strict firewalls cannot relay media through it.',
      ),
      rule(
        'TurnBindingErrors',
        'warning',
        '10m',
        `
sum by (pod) (rate(stun_binding_error{namespace="gomeet"}[5m]))
/
sum by (pod) (rate(stun_binding_request{namespace="gomeet"}[5m]))
> 0.1
and
sum by (pod) (rate(stun_binding_request{namespace="gomeet"}[5m])) > 0.05
`,
        'coturn {{ $labels.pod }} rejects more than 10% of STUN requests',
        '{{ $value | humanizePercentage }} of STUN Binding requests to {{ $labels.pod }} fail. coturn exports no TURN allocation-failure counter; this and turn_total_allocations are what it does export.',
      ),
    ],
  },
  {
    name: 'gomeet.realtime',
    rules: [
      rule(
        'WebSocketDisconnectSpike',
        'warning',
        '2m',
        `
sum(increase(gomeet_websocket_disconnects_total{reason=~"dropped|error"}[5m])) > 20
and
sum(increase(gomeet_websocket_disconnects_total{reason=~"dropped|error"}[5m]))
  > 0.2 * sum(gomeet_websocket_connections_total)
`,
        'Many WebSocket connections drop',
        '{{ $value | humanize }} signaling sockets dropped or failed in 5 minutes, more than 20% of the open ones: a network, gateway or signaling problem.',
      ),
    ],
  },
  {
    name: 'gomeet.operations',
    rules: [
      rule(
        'BackupTooOld',
        'warning',
        '15m',
        `
time() - max by (namespace, cronjob) (kube_cronjob_status_last_successful_time{namespace="gomeet", cronjob=~".*backup.*"}) > 26 * 3600
or
(
  time() - max by (namespace, cronjob) (kube_cronjob_created{namespace="gomeet", cronjob=~".*backup.*"}) > 26 * 3600
  unless on (namespace, cronjob)
  kube_cronjob_status_last_successful_time{namespace="gomeet", cronjob=~".*backup.*"}
)
`,
        'The newest successful backup ({{ $labels.cronjob }}) is older than 26 hours',
        'CronJob {{ $labels.cronjob }} last succeeded {{ $value | humanizeDuration }} ago (or never, since it was created that long ago). The nightly database backup is missing.',
      ),
      rule(
        'CertificateExpiringSoon',
        'warning',
        '1h',
        `certmanager_certificate_expiration_timestamp_seconds - time() < 14 * 86400`,
        'Certificate {{ $labels.name }} expires within 14 days',
        'cert-manager certificate {{ $labels.namespace }}/{{ $labels.name }} expires in {{ $value | humanizeDuration }} and has not been renewed (renewal normally happens 30 days ahead).',
      ),
    ],
  },
];
