import type { ChildProcess } from 'node:child_process';
import type { FastifyBaseLogger } from 'fastify';

/** A child process the server runs (LiveKit, coturn): restarted when it crashes. */
export interface SupervisedChild {
  /** The process running now (it changes after a restart), or undefined. */
  current: () => ChildProcess | undefined;
  /** Its PID while it runs; for tests. */
  pid: () => number | undefined;
  /** How many times it has been restarted. */
  restarts: () => number;
  /**
   * Stops supervising, runs `beforeTerm` while the process still runs (LiveKit deletes its
   * rooms there), then SIGTERM and SIGKILL once `graceMs` has passed.
   */
  stop: (options: { graceMs: number; beforeTerm?: () => Promise<void> }) => Promise<void>;
  /** Stops supervising and kills it at once (a start that failed). */
  abandon: () => void;
}

const running = (c: ChildProcess | undefined): c is ChildProcess =>
  c !== undefined && c.exitCode === null && c.signalCode === null;

/**
 * Launches `launch()` and relaunches it with backoff (1 s doubling to 30 s) when it exits on
 * its own. A clean exit or Ctrl-C's SIGINT (which reaches the whole process group) is the
 * server stopping, not a crash.
 */
export function superviseChild(
  name: string,
  log: FastifyBaseLogger,
  launch: () => ChildProcess,
): SupervisedChild {
  let child: ChildProcess | undefined;
  let stopping = false;
  let restarts = 0;
  const start = () => {
    child = launch();
    child.once('exit', (code, signal) => {
      if (stopping || signal === 'SIGINT' || code === 0) return;
      restarts += 1;
      const delay = Math.min(1000 * 2 ** Math.min(restarts - 1, 5), 30_000);
      log.error({ code, signal, restartInMs: delay }, `${name} exited unexpectedly; restarting`);
      setTimeout(() => {
        if (!stopping) start();
      }, delay).unref();
    });
  };
  start();
  return {
    current: () => child,
    pid: () => (running(child) ? child.pid : undefined),
    restarts: () => restarts,
    stop: async ({ graceMs, beforeTerm }) => {
      stopping = true;
      const c = child;
      if (!running(c)) return;
      const exited = new Promise((r) => c.once('exit', r));
      await beforeTerm?.();
      c.kill('SIGTERM');
      const timer = setTimeout(() => {
        log.warn({ graceMs }, `${name} did not stop in time; killing it`);
        c.kill('SIGKILL');
      }, graceMs);
      await exited;
      clearTimeout(timer);
    },
    abandon: () => {
      stopping = true;
      child?.kill('SIGKILL');
    },
  };
}
