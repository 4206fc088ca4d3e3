import type { Command } from 'commander';
import type { CliDeps } from '../../cli/context.js';
import { EXIT, ExitError } from '../../cli/exit.js';
import { createOutput } from '../../cli/output.js';
import { renderReport } from './report.js';
import { runLoadtest, type LoadtestInput } from './run.js';
import { refuseTarget } from './target.js';

interface LoadtestFlags {
  target?: string;
  allowRemote?: boolean;
  meetings: string;
  participants: string;
  publishers: string;
  controlOnly: string;
  ramp: string;
  duration: string;
  chatRate: string;
  reactions: string;
  lobby?: boolean;
  videoPage: string;
  resolution: string;
  fps: string;
  sfuMetrics?: string;
  sfuPid?: string;
}

function positive(value: string, flag: string, { integer = true, zero = false } = {}): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (!zero && n === 0) || (integer && !Number.isInteger(n)))
    throw new ExitError(
      EXIT.USAGE,
      `${flag} must be a ${zero ? 'non-negative' : 'positive'} ${integer ? 'integer' : 'number'}, not ${JSON.stringify(value)}`,
    );
  return n;
}

/** Reads and checks the flags; a bad one exits 2 naming it. */
export function parseLoadtestFlags(o: LoadtestFlags): LoadtestInput {
  // The global --target defaults to cluster|local; for loadtest only a URL counts.
  const target = o.target === 'cluster' || o.target === 'local' ? undefined : o.target;
  const refused = refuseTarget(target, o.allowRemote === true);
  if (refused) throw new ExitError(EXIT.USAGE, refused);
  const participants = positive(o.participants, '--participants');
  if (participants > 500)
    throw new ExitError(EXIT.USAGE, "--participants is at most 500 (a meeting's cap)");
  const share = positive(o.publishers, '--publishers', { integer: false, zero: true });
  // Below 1 it is a share of each meeting; from 1 a count. The host always publishes if anyone does.
  const publishers = Math.min(
    participants,
    share < 1 ? Math.ceil(share * participants) : Math.round(share),
  );
  const controlOnly = positive(o.controlOnly, '--control-only', { zero: true });
  if (publishers + controlOnly > participants)
    throw new ExitError(EXIT.USAGE, '--publishers plus --control-only exceed --participants');
  const [width, height] = o.resolution.split('x').map(Number);
  if (!width || !height)
    throw new ExitError(EXIT.USAGE, `--resolution must be WIDTHxHEIGHT, not ${o.resolution}`);
  return {
    target: new URL(target!),
    meetings: positive(o.meetings, '--meetings'),
    participants,
    publishers,
    controlOnly,
    ramp: positive(o.ramp, '--ramp', { integer: false }),
    durationS: positive(o.duration, '--duration', { integer: false }),
    chatRate: positive(o.chatRate, '--chat-rate', { integer: false, zero: true }),
    reactions: positive(o.reactions, '--reactions', { integer: false, zero: true }),
    lobby: o.lobby === true,
    videoPage: positive(o.videoPage, '--video-page'),
    width,
    height,
    fps: positive(o.fps, '--fps'),
    ...(o.sfuMetrics ? { sfuMetricsUrl: o.sfuMetrics } : {}),
    ...(o.sfuPid ? { sfuPid: positive(o.sfuPid, '--sfu-pid') } : {}),
  };
}

/** `gomeet-ops loadtest`: N meetings × M participants through the public API and LiveKit. */
export default function register(program: Command, deps: CliDeps): void {
  program
    .command('loadtest')
    .summary('N meetings × M participants with media bots; --target URL (required)')
    .description(
      'N meetings × M participants joining like real clients, with media bots; reports latencies, frames, traffic and SFU load',
    )
    .option('--allow-remote', 'allow a target that is neither loopback nor TEST-NET')
    .option('--meetings <n>', 'meetings', '1')
    .option('--participants <n>', 'participants per meeting (host included, at most 500)', '4')
    .option('--publishers <share>', 'publishers per meeting: a share below 1, else a count', '0.5')
    .option(
      '--control-only <n>',
      'per meeting: clients with only the socket and LiveKit signalling, no media',
      '0',
    )
    .option('--ramp <per-second>', 'joins per second across all meetings', '5')
    .option('--duration <s>', 'seconds everyone stays after the last join', '20')
    .option('--chat-rate <per-second>', 'chat messages per second per meeting', '1')
    .option('--reactions <per-second>', 'reactions per second per meeting', '0')
    .option('--lobby', 'meetings with a lobby: the host bot admits everyone')
    .option(
      '--video-page <n>',
      'video tracks each subscriber takes (the web app shows a page)',
      '9',
    )
    .option('--resolution <WxH>', 'synthetic camera size (simulcast layers below it)', '640x360')
    .option('--fps <n>', 'synthetic camera frame rate', '15')
    .option(
      '--sfu-metrics <url>',
      "LiveKit's Prometheus /metrics (prometheus_port) for SFU CPU and memory",
    )
    .option('--sfu-pid <pid>', 'a local LiveKit process to read /proc of instead')
    .action(async (_opts: unknown, cmd: Command) => {
      // --target is this command's URL, so the global cluster|local reading does not apply.
      const flags = cmd.optsWithGlobals<
        LoadtestFlags & { format: 'json' | 'text'; verbose: boolean }
      >();
      const g = { format: flags.format, verbose: flags.verbose };
      const out = createOutput({ ...g, stdout: deps.stdout, stderr: deps.stderr });
      const input = parseLoadtestFlags(flags);
      // rtc-node logs at debug to stdout unless NODE_ENV=production; stdout stays the report.
      process.env.NODE_ENV ??= 'production';
      const rtc = await import('@livekit/rtc-node');
      const { startMediaBot } = await import('./media.js');
      const { startControlPool } = await import('./control-pool.js');
      const tty = (deps.stderr as { isTTY?: boolean }).isTTY === true;
      // Control-plane clients' LiveKit connections live in worker processes, one per hundred.
      const controls = input.controlOnly * input.meetings;
      const pool = controls ? startControlPool(Math.min(8, Math.ceil(controls / 100))) : null;
      try {
        const report = await runLoadtest(input, {
          fetch: deps.fetch,
          startBot: (url, token, plan) =>
            pool && !plan.publish && !plan.subscribe
              ? pool.start(url, token)
              : startMediaBot(url, token, plan),
          ...(tty ? { progress: (line: string) => deps.stderr.write(`\r\x1b[K${line}`) } : {}),
          ...(deps.signal ? { signal: deps.signal } : {}),
        });
        if (tty) deps.stderr.write('\n');
        if (g.format === 'json') out.json(report);
        else for (const line of renderReport(report)) out.line(line);
        if (report.participants.failed > 0) throw new ExitError(EXIT.FAILED, '');
      } finally {
        await pool?.close();
        await rtc.dispose();
      }
    });
}
