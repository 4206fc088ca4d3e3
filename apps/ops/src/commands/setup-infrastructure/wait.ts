import { EXIT, ExitError } from '../../cli/exit.js';

/** How long and how often to poll a resource that is still being provisioned. */
export interface WaitOptions {
  timeoutMs: number;
  intervalMs: number;
  /** One progress line on stderr per poll. */
  progress: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const mmss = (ms: number) => {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/**
 * Polls `state()` until it returns `ready`, writing "waiting for X: state (m:ss of m:ss)" each
 * time; throws ExitError(1) after the timeout, saying a rerun picks up where this one stopped.
 */
export async function waitFor(
  what: string,
  ready: string,
  state: () => Promise<string | undefined>,
  o: WaitOptions,
): Promise<void> {
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const start = now();
  for (;;) {
    const current = (await state()) ?? 'unknown';
    const elapsed = now() - start;
    if (current === ready) {
      o.progress(`${what}: ${current} after ${mmss(elapsed)}`);
      return;
    }
    if (elapsed >= o.timeoutMs)
      throw new ExitError(
        EXIT.FAILED,
        `${what} still ${current} after ${mmss(elapsed)}: rerun setup-infrastructure later (it creates nothing twice), or raise --wait-timeout`,
      );
    o.progress(`waiting for ${what}: ${current} (${mmss(elapsed)} of ${mmss(o.timeoutMs)})`);
    await sleep(o.intervalMs);
  }
}
