/**
 * Click "Join" → first remote video frame rendered, in real Chromium on loopback.
 * Target (DESIGN.md): p50 under 450 ms, p95 under 800 ms, back-to-back joins included. Prints
 * p50 and p95 over BENCH_RUNS runs (default 12, after one warm-up).
 *
 *   npx tsx bench/join-time.ts
 *   BENCH_RUNS=20 npx tsx bench/join-time.ts
 *   BENCH_GAP_MS=6000 npx tsx bench/join-time.ts   (each guest joins 6 s after the last one left)
 *
 * A host sits in the meeting with a (fake) camera; each run a fresh guest context opens the
 * invite link, waits on the pre-join screen until the page is idle, and clicks Join. The time
 * runs from that click (captured in the page) to the first requestVideoFrameCallback of the
 * host's tile, so it covers the guest pass, the join call, LiveKit signalling, ICE/DTLS,
 * subscription and decoding. Each run also prints the app's own phase marks (join request,
 * join answer, LiveKit connect start, connected, video subscribed) in ms after the click.
 * Other processes on the machine inflate these figures: run it on an idle machine.
 */
import { spawn } from 'node:child_process';
import type { Meeting, Session } from '@gomeet/protocol';
import { launchChromium } from '../apps/web/test/support/chromium.js';
import { ensureWebBuild, repoRoot } from '../apps/web/test/support/web-build.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 12);
/** Pause after a guest leaves before the next one clicks Join (0: back to back). */
const GAP_MS = Number(process.env.BENCH_GAP_MS ?? 0);
const TARGET_P50_MS = 450;
const TARGET_P95_MS = 800;

/** Runs in the page before the app: notes the Join click and the first remote frame. */
const INSTRUMENT = `
  window.__join = { click: null, frame: null };
  document.addEventListener('click', (e) => {
    if (e.target instanceof Element && e.target.closest('[data-testid="join-button"]')) {
      window.__join.click = performance.now();
    }
  }, true);
  new MutationObserver(() => {
    for (const v of document.querySelectorAll('[data-testid="participant-tile"][data-local="false"] video')) {
      if (v.__watched) continue;
      v.__watched = true;
      v.requestVideoFrameCallback(() => { window.__join.frame ??= performance.now(); });
    }
  }).observe(document, { subtree: true, childList: true });
`;

/** Runs in the host's page: keeps its peer connections, to read which camera layers it sends. */
const KEEP_PEER_CONNECTIONS = `
  window.__pcs = [];
  const Original = window.RTCPeerConnection;
  window.RTCPeerConnection = function (...args) {
    const pc = new Original(...args);
    window.__pcs.push(pc);
    return pc;
  };
  window.RTCPeerConnection.prototype = Original.prototype;
`;

/** The host's camera layers as dynacast left them ("q:on h:off f:off"), read in its page. */
const HOST_LAYERS = `window.__pcs
  .filter((pc) => pc.connectionState !== 'closed')
  .flatMap((pc) => pc.getSenders().filter((s) => s.track && s.track.kind === 'video'))
  .map((s) => s.getParameters().encodings.map((e) => (e.rid ?? '-') + ':' + (e.active ? 'on' : 'off')).join(' '))
  .join(' | ')`;

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

async function post<T>(base: string, path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(new URL(path, base), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

async function main(): Promise<void> {
  const { startGoMeet } = await import('@gomeet/server');

  await ensureWebBuild();
  const server = await startGoMeet({ logLevel: false });
  const browser = await launchChromium();
  try {
    const host = await post<Session>(server.url, '/api/auth/register', {
      email: `bench-${Date.now()}@example.test`,
      password: 'correct horse battery staple',
      displayName: 'Bench host',
    });
    const meeting = await post<Meeting>(
      server.url,
      '/api/meetings',
      { title: 'Join-time bench', settings: { lobby: false, maxParticipants: 500 } },
      host.accessToken,
    );
    const meetingUrl = new URL(`/m/${meeting.code}`, server.url).href;

    const hostContext = await browser.newContext({
      viewport: { width: 1280, height: 720 },
      bypassCSP: true,
    });
    await hostContext.addInitScript({ content: KEEP_PEER_CONNECTIONS });
    const stored = JSON.stringify({
      user: host.user,
      accessToken: host.accessToken,
      refreshToken: host.refreshToken,
      expiresAt: Date.now() + host.expiresIn * 1000,
    });
    await hostContext.addInitScript({
      content: `localStorage.setItem('gomeet.session', ${JSON.stringify(stored)});`,
    });
    const hostPage = await hostContext.newPage();
    await hostPage.goto(meetingUrl);
    await hostPage.getByTestId('join-button').click();
    await hostPage.locator('[data-testid="participant-tile"][data-local="true"] video').waitFor();

    const times: number[] = [];
    let left = 0;
    for (let run = 0; run <= RUNS; run++) {
      // The app's CSP forbids eval; the bench's own probes (waitForFunction, evaluate) need it.
      const context = await browser.newContext({
        viewport: { width: 1280, height: 720 },
        bypassCSP: true,
      });
      await context.addInitScript({ content: INSTRUMENT });
      const page = await context.newPage();
      await page.goto(meetingUrl);
      await page.getByLabel('Your name').fill(`Guest ${run}`);
      await page.getByTestId('preview-video').waitFor();
      await page.waitForLoadState('networkidle');
      const wait = left + GAP_MS - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      // Paused layers (dynacast, once nobody watched them) must restart before a first frame.
      const layers = await hostPage.evaluate<string>(HOST_LAYERS);
      await page.getByTestId('join-button').click();
      await page.waitForFunction('window.__join.frame !== null', undefined, { timeout: 30_000 });
      const ms = await page.evaluate<number>('window.__join.frame - window.__join.click');
      if (run > 0) times.push(ms); // run 0 warms up LiveKit, the server and the browser
      // The app marks its phases (gomeet:*); printed relative to the click, they show where
      // a slow run spent its time.
      const marks = await page.evaluate<string>(
        "performance.getEntriesByType('mark').filter(m => m.name.startsWith('gomeet:')).map(m => m.name.slice(7) + '=' + (m.startTime - window.__join.click).toFixed(0)).join(' ')",
      );
      console.log(
        `run ${String(run).padStart(2)}${run === 0 ? ' (warm-up)' : ''}: ${ms.toFixed(0)} ms  ${marks}  host camera at click: ${layers}`,
      );
      await context.close();
      left = performance.now();
    }

    const sorted = [...times].sort((a, b) => a - b);
    const p50 = percentile(sorted, 50);
    const p95 = percentile(sorted, 95);
    console.log('');
    const gap = GAP_MS ? `each ${GAP_MS} ms after the last guest left` : 'back to back';
    console.log(`join → first remote frame, ${times.length} runs on loopback, ${gap}`);
    console.log(`  p50: ${p50.toFixed(0)} ms`);
    console.log(`  p95: ${p95.toFixed(0)} ms`);
    console.log(
      `  min: ${(sorted[0] ?? NaN).toFixed(0)} ms   max: ${(sorted.at(-1) ?? NaN).toFixed(0)} ms`,
    );
    const pass = p50 < TARGET_P50_MS && p95 < TARGET_P95_MS;
    console.log(
      `  target: p50 < ${TARGET_P50_MS} ms, p95 < ${TARGET_P95_MS} ms → ${pass ? 'PASS' : 'FAIL'}`,
    );
    process.exitCode = pass ? 0 : 1;
  } finally {
    await browser.close();
    await server.close();
  }
}

// Workspace packages resolve to their sources through tsconfig.check.json's paths, so the
// benchmark needs no `npm run build`; tsx reads them only if told before it starts.
if (!process.env.TSX_TSCONFIG_PATH) {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, TSX_TSCONFIG_PATH: `${repoRoot}tsconfig.check.json` },
  });
  child.on('exit', (code) => process.exit(code ?? 1));
} else {
  await main();
}
