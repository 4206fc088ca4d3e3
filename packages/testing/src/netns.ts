import { spawn, spawnSync, type ChildProcess, type StdioOptions } from 'node:child_process';
import { stopChild } from './servers.js';

/** The server end of the test namespace's veth pair (TEST-NET-1, RFC 5737). */
export const TEST_NETNS_SERVER_ADDRESS = '192.0.2.1';
/** The client end of the test namespace's veth pair (TEST-NET-1, RFC 5737). */
export const TEST_NETNS_CLIENT_ADDRESS = '192.0.2.2';

/** A command running inside its own network namespace; `stop` ends it by PID. */
export interface TestNetns {
  child: ChildProcess;
  serverAddress: typeof TEST_NETNS_SERVER_ADDRESS;
  clientAddress: typeof TEST_NETNS_CLIENT_ADDRESS;
  /** Everything the command printed so far (stdout and stderr are piped unless `stdio` says otherwise). */
  output(): { stdout: string; stderr: string };
  /** Resolves with the exit code (or null when killed by a signal). */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL to the command and its process group once `graceMs` has passed. */
  stop(graceMs?: number): Promise<void>;
}

/** Options for {@link startInTestNetns}. */
export interface TestNetnsOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  stdio?: StdioOptions;
}

// Runs inside the new namespace before the command: loopback up, one veth pair whose two ends
// carry the server and client addresses. Both ends live in this namespace, so nothing can leave it.
const SETUP = [
  'set -e',
  'ip link set lo up',
  'ip link add v0 type veth peer name v1',
  `ip addr add ${TEST_NETNS_SERVER_ADDRESS}/24 dev v0`,
  `ip addr add ${TEST_NETNS_CLIENT_ADDRESS}/24 dev v1`,
  'ip link set v0 up',
  'ip link set v1 up',
  'exec "$@"',
].join('; ');

let probed: string | undefined | null = null;

/**
 * Why a test network namespace cannot be created here (not root, `unshare` or `ip` missing, or
 * the kernel refuses), or undefined when it can. Probed once by really creating one.
 */
export function testNetnsUnavailableReason(): string | undefined {
  if (probed !== null) return probed;
  if (process.getuid?.() !== 0) return (probed = 'needs root (unshare --net and ip link)');
  const r = spawnSync('unshare', ['--net', 'bash', '-c', SETUP, '--', 'true'], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  if (r.error) probed = `unshare could not run: ${r.error.message}`;
  else if (r.status !== 0)
    probed = `unshare --net with a veth pair failed: ${(r.stderr || r.stdout).trim()}`;
  else probed = undefined;
  return probed;
}

/** True when {@link startInTestNetns} can work here: root, `unshare` and `ip` available. */
export function canCreateTestNetns(): boolean {
  return testNetnsUnavailableReason() === undefined;
}

/**
 * Runs `command` inside a fresh network namespace (`unshare --net`) with loopback up and a veth
 * pair: 192.0.2.1/24 on v0 for servers, 192.0.2.2/24 on v1 for clients. @livekit/rtc-node ignores
 * loopback ICE candidates, so media bots need these addresses; nothing leaves the namespace, and
 * it disappears when the last process in it exits.
 */
export function startInTestNetns(command: string[], options: TestNetnsOptions = {}): TestNetns {
  if (command.length === 0) throw new Error('startInTestNetns needs a command');
  // `unshare` and `bash` both exec, so the child's PID is the command's own; detached makes it
  // a process-group leader, so stop() can also reach what the command started.
  const child = spawn('unshare', ['--net', 'bash', '-c', SETUP, '--', ...command], {
    env: options.env ?? process.env,
    cwd: options.cwd,
    stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  return {
    child,
    serverAddress: TEST_NETNS_SERVER_ADDRESS,
    clientAddress: TEST_NETNS_CLIENT_ADDRESS,
    output: () => ({ stdout, stderr }),
    exited,
    stop: async (graceMs = 3_000) => {
      await stopChild(child, graceMs);
      killGroup(child.pid);
    },
  };
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is already empty.
  }
}
