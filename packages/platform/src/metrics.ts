import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Registry, collectDefaultMetrics, type Metric } from 'prom-client';

/** One line of a metric as a prom-client registry prints it. */
interface MetricLine {
  metricName: string;
  labels: Record<string, string | number>;
  value: number;
}

/** What a metric hands the registry to print. */
interface Exposition<T extends 'histogram' | 'counter'> {
  name: string;
  help: string;
  type: T;
  aggregator: 'sum';
  values: MetricLine[];
}

/**
 * A metric of ours as prom-client's registry reads it (`get` answers a promise). The registry
 * takes `aggregator` (how a cluster sums workers' values) from here, not from the metric.
 */
function exposition<T extends 'histogram' | 'counter'>(
  metric: { name: string; help: string; type: T },
  values: MetricLine[],
): Promise<Exposition<T>> {
  const { name, help, type } = metric;
  return Promise.resolve({ name, help, type, aggregator: 'sum', values });
}

/** The process-wide metrics: one registry, fixed label sets, the runbook's names. */
export interface Metrics {
  registry: Registry;
  /** The request histogram's count per series, under the runbook's counter name. */
  httpRequestsTotal: HistogramCount;
  httpRequestDuration: SeriesHistogram<'service' | 'method' | 'route' | 'status'>;
  /**
   * 1 when the dependency answered this process's last /readyz check, 0 when it failed. Set by
   * every /readyz evaluation (the kubelet's readiness probe), so it is as fresh as the probe.
   */
  dependencyUp: Gauge<'service' | 'dependency'>;
  /** Requests refused (429) by a rate limit, by the limit's scope ("login-account", "guest-address", …). */
  rateLimited: Counter<'scope'>;
}

interface Series {
  labels: Record<string, string>;
  /** Observations per bucket (not cumulative); the last one is above every bound (+Inf). */
  counts: number[];
  sum: number;
  count: number;
}

/**
 * A Prometheus histogram whose series are found once and then observed with an array
 * increment. prom-client's Histogram converts, validates and hashes the labels on every
 * observe, even through a labelled child: ~3 µs of every request under load
 * (bench/join-token.ts profile). Exposed through the same registry in the same text format
 * (`_bucket` with `le`, `_sum`, `_count`).
 */
export class SeriesHistogram<L extends string> {
  readonly type = 'histogram';
  private readonly series = new Map<string, Series>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly upperBounds: readonly number[],
    registry: Registry,
  ) {
    registry.registerMetric(this as unknown as Metric);
  }

  /** The series with these labels (made on first use); keep it and observe through it. */
  labels(labels: Record<L, string>): { observe(value: number): void } {
    const key = JSON.stringify(labels);
    let series = this.series.get(key);
    if (!series) {
      series = {
        labels: { ...labels },
        counts: this.upperBounds.map(() => 0).concat(0),
        sum: 0,
        count: 0,
      };
      this.series.set(key, series);
    }
    const found = series;
    const bounds = this.upperBounds;
    return {
      observe(value) {
        let i = 0;
        while (i < bounds.length && value > bounds[i]!) i++;
        found.counts[i]!++;
        found.sum += value;
        found.count++;
      },
    };
  }

  /** The number of observations of every series, by its labels. */
  counts(): { labels: Record<string, string>; value: number }[] {
    return [...this.series.values()].map(({ labels, count }) => ({ labels, value: count }));
  }

  /** What the registry prints: cumulative buckets, sum and count per series. */
  get(): Promise<Exposition<'histogram'>> {
    const values: MetricLine[] = [];
    for (const { labels, counts, sum, count } of this.series.values()) {
      let cumulative = 0;
      counts.forEach((n, i) => {
        cumulative += n;
        const le = i < this.upperBounds.length ? this.upperBounds[i]! : '+Inf';
        values.push({
          metricName: `${this.name}_bucket`,
          labels: { ...labels, le },
          value: cumulative,
        });
      });
      values.push({ metricName: `${this.name}_sum`, labels, value: sum });
      values.push({ metricName: `${this.name}_count`, labels, value: count });
    }
    return exposition(this, values);
  }

  /** Starts every series again from zero (registry.resetMetrics); observers stay valid. */
  reset(): void {
    for (const series of this.series.values()) {
      series.counts.fill(0);
      series.sum = 0;
      series.count = 0;
    }
  }
}

/**
 * A counter that is a {@link SeriesHistogram}'s count per series under a name of its own:
 * `http_requests_total` is the request-duration histogram's `_count`. A response is then one
 * observation and nothing more; a prom-client Counter's labelled child hashes and validates its
 * labels on every increment.
 */
export class HistogramCount {
  readonly type = 'counter';

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly histogram: SeriesHistogram<string>,
    registry: Registry,
  ) {
    registry.registerMetric(this as unknown as Metric);
  }

  get(): Promise<Exposition<'counter'>> {
    const values = this.histogram
      .counts()
      .map(({ labels, value }) => ({ metricName: this.name, labels, value }));
    return exposition(this, values);
  }

  /** Nothing of its own to reset: the histogram's reset zeroes its counts. */
  reset(): void {}
}

/** Creates the registry with process metrics and the HTTP request metrics. Call once per process. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpRequestDuration = new SeriesHistogram<'service' | 'method' | 'route' | 'status'>(
    'http_request_duration_seconds',
    'HTTP request duration in seconds.',
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registry,
  );
  return {
    registry,
    httpRequestsTotal: new HistogramCount(
      'http_requests_total',
      'HTTP requests served, by service, method, route template and status.',
      httpRequestDuration,
      registry,
    ),
    httpRequestDuration,
    dependencyUp: new Gauge({
      name: 'gomeet_dependency_up',
      help: 'Whether a dependency (database, redis, livekit) passed the last /readyz check: 1 yes, 0 no.',
      labelNames: ['service', 'dependency'],
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: 'gomeet_rate_limited_total',
      help: 'Requests refused with 429 by a rate limit, by the scope of the limit.',
      labelNames: ['scope'],
      registers: [registry],
    }),
  };
}

const servicePrefixes: [string, string][] = [
  ['/api/auth', 'auth'],
  ['/api/meetings', 'meeting'],
  ['/api/chat', 'chat'],
  ['/ws', 'signaling'],
  ['/livekit', 'signaling'],
];

/** The service a route belongs to, by its gateway prefix; `fallback` for anything else. */
export function serviceOfRoute(route: string, fallback: string): string {
  return (
    servicePrefixes.find(([prefix]) => route === prefix || route.startsWith(`${prefix}/`))?.[1] ??
    fallback
  );
}

/**
 * Records every response under its service (by gateway prefix, so the all-in-one server reports
 * the same series as separate pods). The route label is the route template
 * ("/api/meetings/:code"), never the raw URL, so cardinality stays bounded.
 */
export function recordHttpMetrics(app: FastifyInstance, metrics: Metrics, service: string): void {
  // One series per key, found by a string: cheaper than hashing a label object on every
  // response. The key set is bounded by routes × methods × statuses. http_requests_total is
  // this histogram's count, so one observation records both.
  const series = new Map<string, { observe(v: number): void }>();
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const key = `${request.method} ${route} ${reply.statusCode}`;
    let child = series.get(key);
    if (!child) {
      child = metrics.httpRequestDuration.labels({
        service: serviceOfRoute(route, service),
        method: request.method,
        route,
        status: String(reply.statusCode),
      });
      series.set(key, child);
    }
    child.observe(reply.elapsedTime / 1000);
    done();
  });
}

/**
 * Serves `GET /metrics` on its own port once `app` listens (same address), and closes it with
 * the app. The gateway routes only the app's port, so metrics never reach the internet; the
 * listening port is logged and {@link metricsAddress} reports it.
 */
export function serveMetricsApart(app: FastifyInstance, metrics: Metrics, port: number): void {
  let server: Server | undefined;
  app.addHook('onListen', async () => {
    const address = app.server.address() as AddressInfo | null;
    const host = address?.address ?? '127.0.0.1';
    server = createServer((request, response) => {
      if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
        response.writeHead(404).end();
        return;
      }
      metrics.registry.metrics().then(
        (body) =>
          response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body),
        () => response.writeHead(500).end(),
      );
    });
    const listening = server;
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(port, host, () => resolve());
    });
    const bound = listening.address() as AddressInfo;
    metricsAddresses.set(app, bound);
    app.log.info({ metricsPort: bound.port }, 'metrics served on their own port');
  });
  app.addHook('onClose', async () => {
    const s = server;
    if (!s) return;
    await new Promise<void>((resolve) => s.close(() => resolve()));
  });
}

const metricsAddresses = new WeakMap<FastifyInstance, AddressInfo>();

/** Where an app started with `metricsPort` serves `/metrics`, once it listens. */
export function metricsAddress(app: FastifyInstance): AddressInfo | undefined {
  return metricsAddresses.get(app);
}
