import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, stopChild } from '@gomeet/testing';

/** Debian's prometheus package (scripts/install-system-deps.sh installs it). */
export const PROMETHEUS_BIN = '/usr/bin/prometheus';
export const hasPrometheus = existsSync(PROMETHEUS_BIN);

/**
 * A /metrics endpoint whose counters grow on every scrape as if `perScrape` requests were
 * served: `slow` of them took 1–2.5 s, `errors` of them answered 500.
 */
export async function startMetricsEndpoint(perScrape: {
  requests: number;
  slow: number;
  errors: number;
}): Promise<{ url: string; server: Server }> {
  let scrapes = 0;
  const server = createServer((_req, res) => {
    scrapes++;
    const n = (k: number) => k * scrapes;
    const ok = perScrape.requests - perScrape.errors;
    const fast = perScrape.requests - perScrape.slow;
    const labels = 'service="meeting",method="GET",route="/api/meetings/:code"';
    const lines = [
      '# TYPE http_requests_total counter',
      `http_requests_total{${labels},status="200"} ${n(ok)}`,
      `http_requests_total{${labels},status="500"} ${n(perScrape.errors)}`,
      '# TYPE http_request_duration_seconds histogram',
      ...[0.1, 0.5, 1].map(
        (le) =>
          `http_request_duration_seconds_bucket{${labels},status="200",le="${le}"} ${n(fast)}`,
      ),
      ...['2.5', '5', '+Inf'].map(
        (le) =>
          `http_request_duration_seconds_bucket{${labels},status="200",le="${le}"} ${n(perScrape.requests)}`,
      ),
      `http_request_duration_seconds_sum{${labels},status="200"} ${n(fast * 0.05 + perScrape.slow * 2)}`,
      `http_request_duration_seconds_count{${labels},status="200"} ${n(perScrape.requests)}`,
    ];
    res
      .writeHead(200, { 'content-type': 'text/plain; version=0.0.4' })
      .end(`${lines.join('\n')}\n`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** A real Prometheus on a loopback port, scraping `target` every second, in a temp dir. */
export async function startPrometheus(
  target: string,
): Promise<{ url: string; process: ChildProcess; stop: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gomeet-prom-'));
  const port = await freePort();
  const config = path.join(dir, 'prometheus.yml');
  writeFileSync(
    config,
    `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: gomeet\n    static_configs:\n      - targets: ['${target}']\n`,
  );
  const child = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    {
      stdio: 'ignore',
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const ready = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    process: child,
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
