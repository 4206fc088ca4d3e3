import { fork, type ChildProcess } from 'node:child_process';
import { emptyMedia, type MediaBot } from './media.js';

/** Parent → worker. */
export type PoolRequest =
  | { type: 'connect'; id: number; url: string; token: string }
  | { type: 'leave'; id: number }
  | { type: 'exit' };

/** Worker → parent. */
export type PoolReply =
  | { type: 'connected'; id: number; connectMs: number }
  | { type: 'failed'; id: number; error: string }
  | { type: 'left'; id: number };

/** Control-plane LiveKit connections spread over worker processes. */
export interface ControlPool {
  /** Connects one control-plane participant (publishes and subscribes nothing). */
  start(url: string, token: string): Promise<MediaBot>;
  close(): Promise<void>;
}

// The worker is a .ts file under tsx (benches, tests) and .js once built.
const WORKER = new URL(
  import.meta.url.endsWith('.ts') ? './control-worker.ts' : './control-worker.js',
  import.meta.url,
);

/**
 * Starts `workers` processes that hold control-plane participants' rtc-node rooms, assigned in
 * turn. Hundreds of rooms in the one process that also runs the media bots slowed joins to
 * about one a second; each worker has its own rtc-node runtime.
 */
export function startControlPool(workers: number): ControlPool {
  const waiting = new Map<number, { child: ChildProcess; resolve: (r: PoolReply) => void }>();
  const children: ChildProcess[] = Array.from({ length: workers }, () => {
    const child = fork(WORKER, [], { execArgv: process.execArgv, stdio: 'inherit' });
    child.on('message', (r: PoolReply) => {
      waiting.get(r.id)?.resolve(r);
      waiting.delete(r.id);
    });
    // A worker that dies fails what it was asked, rather than leaving the run waiting.
    child.on('exit', (code) => {
      for (const [id, w] of waiting)
        if (w.child === child) {
          waiting.delete(id);
          w.resolve({ type: 'failed', id, error: `control worker exited (${code})` });
        }
    });
    return child;
  });
  let next = 0;
  const ask = (child: ChildProcess, request: Exclude<PoolRequest, { type: 'exit' }>) =>
    new Promise<PoolReply>((resolve) => {
      waiting.set(request.id, { child, resolve });
      child.send(request);
    });
  return {
    start: async (url, token) => {
      const id = next++;
      const child = children[id % workers]!;
      const r = await ask(child, { type: 'connect', id, url, token });
      if (r.type === 'failed') throw new Error(r.error);
      return {
        room: null,
        media: emptyMedia(r.type === 'connected' ? r.connectMs : 0),
        stop: async () => void (await ask(child, { type: 'leave', id })),
      };
    },
    close: async () => {
      await Promise.all(
        children.map(
          (c) =>
            new Promise<void>((resolve) => {
              if (c.exitCode !== null) return resolve();
              c.once('exit', () => resolve());
              c.send({ type: 'exit' } satisfies PoolRequest);
              setTimeout(() => c.kill('SIGKILL'), 15_000).unref();
            }),
        ),
      );
    },
  };
}
