import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loggerOptions } from '@gomeet/platform';
import { startGoMeet, type RunningGoMeet } from '@gomeet/server';
import { freePort, stopChild } from '@gomeet/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  PROMETHEUS_BIN,
  hasPrometheus,
} from '../../apps/ops/test/health-check/prometheus-fixture.js';
import { groups } from '../monitoring/alerts.js';
import { dashboards } from '../monitoring/dashboards.js';
import { monitoringDir, renderFiles } from '../monitoring/generate.js';

const run = promisify(execFile);
const ci = process.env.CI === 'true';
const repo = fileURLToPath(new URL('../..', import.meta.url));
const PROMTOOL = '/usr/bin/promtool';
const hasPromtool = existsSync(PROMTOOL);
const missing = [!hasPromtool && PROMTOOL, !hasPrometheus && PROMETHEUS_BIN].filter(Boolean);
if (ci && missing.length)
  throw new Error(`${missing.join(', ')} required in CI: run scripts/install-system-deps.sh`);
if (missing.length)
  console.warn(
    `skipping Prometheus checks: ${missing.join(', ')} not installed (Debian prometheus)`,
  );

/** Metric names in a PromQL expression: identifiers that are not functions, labels or keywords. */
function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const keywords = new Set([
    'and',
    'or',
    'unless',
    'bool',
    'offset',
    'group_left',
    'group_right',
    'inf',
    'nan',
  ]);
  return [...stripped.matchAll(/\b([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()/g)]
    .map((m) => m[1] as string)
    .filter((name) => !keywords.has(name.toLowerCase()));
}

/** Every expression in the rules and dashboards. */
const expressions = [
  ...groups.flatMap((g) => g.rules.map((r) => r.expr)),
  ...dashboards.flatMap((d) => d.panels.flatMap((p) => p.targets.map((t) => t.expr))),
];
const named = [...new Set(expressions.flatMap(metricNames))].sort();
const isOurs = (name: string) => /^(http_|gomeet_|process_|nodejs_)/.test(name);

/** Metrics the rules and dashboards use that other software exports, with their source. */
const EXTERNAL: Record<string, string> = {
  up: 'Prometheus itself, per scrape target',
  kube_pod_container_status_waiting_reason: 'kube-state-metrics',
  kube_pod_container_status_restarts_total: 'kube-state-metrics',
  kube_deployment_status_replicas_unavailable: 'kube-state-metrics',
  kube_daemonset_status_number_unavailable: 'kube-state-metrics',
  kube_pod_container_resource_requests: 'kube-state-metrics',
  kube_cronjob_status_last_successful_time: 'kube-state-metrics (v2.3+)',
  kube_cronjob_created: 'kube-state-metrics',
  container_cpu_usage_seconds_total: 'cAdvisor (kubelet /metrics/cadvisor)',
  container_memory_working_set_bytes: 'cAdvisor (kubelet /metrics/cadvisor)',
  livekit_room_total: 'LiveKit pkg/telemetry/prometheus/rooms.go',
  livekit_participant_total: 'LiveKit pkg/telemetry/prometheus/rooms.go',
  livekit_track_published_total: 'LiveKit pkg/telemetry/prometheus/rooms.go',
  livekit_packet_bytes: 'LiveKit pkg/telemetry/prometheus/packets.go',
  livekit_nack_total: 'LiveKit pkg/telemetry/prometheus/packets.go',
  turn_total_allocations: 'coturn --prometheus (src/apps/relay/prom_server.c)',
  stun_binding_request: 'coturn --prometheus (src/apps/relay/prom_server.c)',
  stun_binding_error: 'coturn --prometheus (src/apps/relay/prom_server.c)',
  certmanager_certificate_expiration_timestamp_seconds: 'cert-manager controller',
};

describe('monitoring as code', () => {
  it('the committed rules, PrometheusRule and dashboards are what generate.ts renders', async () => {
    for (const [file, text] of Object.entries(await renderFiles()))
      expect(readFileSync(path.join(monitoringDir, file), 'utf8'), `${file} is stale`).toBe(text);
  });

  it('names every metric it uses either as ours or as an external one with its source', () => {
    expect(named.filter((n) => !isOurs(n) && !(n in EXTERNAL))).toEqual([]);
    expect(Object.keys(EXTERNAL).filter((n) => !named.includes(n))).toEqual([]);
  });

  it('links every alert to its section in docs/ALERTS.md', () => {
    const headings = new Set(
      [...readFileSync(path.join(repo, 'docs/ALERTS.md'), 'utf8').matchAll(/^## (.+)$/gm)].map(
        (m) => (m[1] as string).trim().toLowerCase(),
      ),
    );
    for (const rule of groups.flatMap((g) => g.rules)) {
      expect(rule.labels.severity).toMatch(/^(critical|warning)$/);
      expect(rule.annotations.summary && rule.annotations.description).toBeTruthy();
      const [file, anchor] = rule.annotations.runbook_url.split('#');
      expect(file).toBe('docs/ALERTS.md');
      expect(headings.has(anchor as string), `no "## ${rule.alert}" in docs/ALERTS.md`).toBe(true);
    }
  });

  it.skipIf(!hasPromtool)('passes promtool check rules and promtool test rules', async () => {
    const check = await run(PROMTOOL, ['check', 'rules', 'rules/gomeet-alerts.yml'], {
      cwd: monitoringDir,
    });
    expect(check.stdout).toContain('SUCCESS');
    // Every alert has a test case (promtool itself fails on a wrong expectation).
    const tests = readFileSync(path.join(monitoringDir, 'tests/gomeet-alerts.test.yml'), 'utf8');
    for (const rule of groups.flatMap((g) => g.rules))
      expect(tests, `no test for ${rule.alert}`).toContain(`alertname: ${rule.alert}\n`);
    const unit = await run(PROMTOOL, ['test', 'rules', 'tests/gomeet-alerts.test.yml'], {
      cwd: monitoringDir,
      timeout: 60_000,
    });
    expect(unit.stdout).toContain('SUCCESS');
  });

  it('declares the time format of the JSON lines our logger really prints', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const before = Date.now();
    pino(loggerOptions('meeting', 'info'), sink).info({ meeting: 'abc-defg-hij' }, 'joined');
    const record = JSON.parse(lines[0] as string) as Record<string, unknown>;

    const conf = readFileSync(path.join(monitoringDir, 'fluentd.yaml'), 'utf8');
    const setting = (key: string) => conf.match(new RegExp(`^\\s*${key} (.+)$`, 'm'))?.[1];
    // containerd writes CRI lines; our JSON is the message inside them.
    expect(conf).toMatch(/@type cri\n\s*merge_cri_fields false\n\s*<parse>\n\s*@type json\n/);
    const timeKey = setting('time_key') as string;
    const format = setting('time_format') as string;
    expect(setting('utc')).toBe('true');
    const value = record[timeKey];
    expect(typeof value).toBe('string');
    // The strptime directives the config uses, as a regex that must match the whole value.
    const directives: Record<string, string> = {
      '%Y': '(\\d{4})',
      '%m': '(\\d{2})',
      '%d': '(\\d{2})',
      '%H': '(\\d{2})',
      '%M': '(\\d{2})',
      '%S': '(\\d{2})',
      '%L': '(\\d{3})',
    };
    const pattern = format
      .split(/(%[A-Za-z])/)
      .map((part) => {
        if (!part.startsWith('%')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const re = directives[part];
        if (!re) throw new Error(`time_format directive ${part} is not handled by this test`);
        return re;
      })
      .join('');
    const m = new RegExp(`^${pattern}$`).exec(value as string);
    expect(m, `${String(value)} does not match ${format}`).not.toBeNull();
    const [, y, mo, d, h, mi, s, ms] = (m as RegExpExecArray).map(Number);
    const parsed = Date.UTC(y!, mo! - 1, d, h, mi, s, ms);
    expect(parsed).toBeGreaterThanOrEqual(before);
    expect(parsed).toBeLessThanOrEqual(Date.now());
    // pino's numeric level, mapped to a name by the record_transformer.
    expect(record.level).toBe(30);
    expect(conf).toMatch(/30 => "info"/);
    expect(record.service).toBe('meeting');
  });
});

describe.skipIf(!hasPrometheus)('our metrics, scraped by the real Prometheus', () => {
  let gomeet: RunningGoMeet | undefined;
  let prometheus: { url: string; stop: () => Promise<void> } | undefined;
  let socket: WebSocket | undefined;

  async function api(method: string, url: string, token?: string, body?: unknown) {
    const res = await fetch(`${gomeet!.url}${url}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  }

  /** prometheus.yml's kubernetes-pods job, with file discovery standing in for Kubernetes. */
  function scrapeConfig(targetsFile: string): string {
    const text = readFileSync(path.join(monitoringDir, 'prometheus.yml'), 'utf8');
    const start = text.indexOf('  - job_name: kubernetes-pods');
    const end = text.indexOf('\n  - job_name:', start + 1);
    const sd =
      '    kubernetes_sd_configs:\n      - role: pod\n        namespaces:\n          names: [gomeet]\n';
    const job = text.slice(start, end);
    expect(start > 0 && end > start && job.includes(sd)).toBe(true);
    return (
      'global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n' +
      job.replace(sd, `    file_sd_configs:\n      - files: ['${targetsFile}']\n`)
    );
  }

  beforeAll(async () => {
    gomeet = await startGoMeet({
      logLevel: false,
      // No LiveKit: the metrics checked here are ours; nothing listens on port 9.
      env: {
        LIVEKIT_URL: 'ws://127.0.0.1:9',
        LIVEKIT_API_KEY: 'testkey',
        LIVEKIT_API_SECRET: 'test-secret-of-at-least-thirty-two-chars',
      },
    });
    const port = new URL(gomeet.url).port;
    const dir = mkdtempSync(path.join(tmpdir(), 'gomeet-monitoring-'));
    // What Kubernetes discovery would say about a pod of ours; the relabelling does the rest.
    writeFileSync(
      path.join(dir, 'targets.json'),
      JSON.stringify([
        {
          targets: ['127.0.0.1:8080'],
          labels: {
            __meta_kubernetes_namespace: 'gomeet',
            __meta_kubernetes_pod_name: 'gomeet-server-0',
            __meta_kubernetes_pod_node_name: 'general-1',
            __meta_kubernetes_pod_phase: 'Running',
            __meta_kubernetes_pod_label_app: 'gomeet-server',
            __meta_kubernetes_pod_annotation_prometheus_io_scrape: 'true',
            __meta_kubernetes_pod_annotation_prometheus_io_port: port,
            __meta_kubernetes_pod_annotation_prometheus_io_path: '/metrics',
          },
        },
      ]),
    );
    const config = path.join(dir, 'prometheus.yml');
    writeFileSync(config, scrapeConfig(path.join(dir, 'targets.json')));
    if (hasPromtool) await run(PROMTOOL, ['check', 'config', config]);
    const promPort = await freePort();
    const child = spawn(
      PROMETHEUS_BIN,
      [
        `--config.file=${config}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
      ],
      { stdio: 'ignore' },
    );
    prometheus = {
      url: `http://127.0.0.1:${promPort}`,
      stop: async () => {
        await stopChild(child);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });

  afterAll(async () => {
    socket?.terminate();
    await prometheus?.stop();
    await gomeet?.close();
  });

  async function query(
    expr: string,
  ): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
    const res = await fetch(`${prometheus!.url}/api/v1/query?query=${encodeURIComponent(expr)}`);
    const body = (await res.json()) as { data?: { result: never[] } };
    return body.data?.result ?? [];
  }

  async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const value = await probe().catch(() => undefined);
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  it('reads one active meeting once a participant is connected over the WebSocket', async () => {
    const host = await api('POST', '/api/auth/register', undefined, {
      email: `monitoring-${Date.now()}@example.test`,
      password: 'correct horse battery',
      displayName: 'Mona Monitor',
    });
    const token = host.body.accessToken as string;
    const meeting = await api('POST', '/api/meetings', token, { title: 'Metrics' });
    const code = meeting.body.code as string;
    expect((await api('POST', `/api/meetings/${code}/join`, token, {})).status).toBe(200);

    const ws = new WebSocket(`${gomeet!.url.replace(/^http/, 'ws')}/ws`);
    socket = ws;
    const welcomed = new Promise<void>((resolve, reject) => {
      ws.on('message', (data: Buffer) => {
        if ((JSON.parse(data.toString()) as { type: string }).type === 'welcome') resolve();
      });
      ws.once('error', reject);
    });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.send(JSON.stringify({ type: 'hello', v: 1, meeting: code, token }));
    await welcomed;

    const meetings = await eventually(async () => {
      const [sample] = await query('sum(gomeet_active_meetings_total)');
      return sample?.value[1] === '1' ? sample.value[1] : undefined;
    }, 'sum(gomeet_active_meetings_total) = 1 in Prometheus');
    expect(meetings).toBe('1');
  });

  it('exports every metric of ours the rules and dashboards name, with the labels they select', async () => {
    // The kubelet's readiness probe is what sets gomeet_dependency_up.
    await api('GET', '/readyz');
    const ours = named.filter(isOurs);
    expect(ours).toEqual([
      'gomeet_active_meetings_total',
      'gomeet_dependency_up',
      'gomeet_participants_total',
      'gomeet_websocket_connections_total',
      'gomeet_websocket_disconnects_total',
      'http_request_duration_seconds_bucket',
      'http_request_duration_seconds_count',
      'http_requests_total',
      'nodejs_eventloop_lag_p99_seconds',
      'nodejs_heap_size_used_bytes',
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
    ]);
    const exported = await eventually(async () => {
      const res = await fetch(`${prometheus!.url}/api/v1/label/__name__/values`);
      const names = new Set(((await res.json()) as { data: string[] }).data);
      return ours.every((n) => names.has(n)) ? names : undefined;
    }, 'our metrics in Prometheus').catch(async () => {
      const res = await fetch(`${prometheus!.url}/api/v1/label/__name__/values`);
      return new Set(((await res.json()) as { data: string[] }).data);
    });
    expect(ours.filter((n) => !exported.has(n))).toEqual([]);

    // The scrape config's relabelling gives our series the labels dashboards select on.
    const [series] = await query('count by (namespace, pod, node, app) (http_requests_total)');
    expect(series?.metric).toEqual({
      namespace: 'gomeet',
      pod: 'gomeet-server-0',
      node: 'general-1',
      app: 'gomeet-server',
    });
    const [database] = await query('gomeet_dependency_up{dependency="database"}');
    expect(database?.value[1]).toBe('1');
  });
});
