import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * The schemathesis `st` binary scripts/install-schemathesis.sh installed, or undefined.
 * `SCHEMATHESIS_BIN` names another one.
 */
export function findSchemathesis(): string | undefined {
  if (process.env.SCHEMATHESIS_BIN) return process.env.SCHEMATHESIS_BIN;
  const script = path.join(repoRoot, 'scripts/install-schemathesis.sh');
  const version = /^version="([^"]+)"/m.exec(spawnSync('cat', [script]).stdout.toString())?.[1];
  const home = process.env.HOME ?? '/root';
  const dir =
    process.env.GOMEET_SCHEMATHESIS_CACHE ?? `${home}/.cache/gomeet-tools/schemathesis-${version}`;
  const bin = path.join(dir, 'bin/st');
  return existsSync(bin) ? bin : undefined;
}

/** The people the API is fuzzed as: one run each, with their bearer token. */
export interface FuzzActor {
  name: string;
  token: string;
}

/** One failed check, as schemathesis reports it. */
export interface FuzzFailure {
  actor: string;
  operation: string;
  check: string;
  detail: string;
}

/** What one actor's run found. */
export interface FuzzRun {
  actor: string;
  /** Operations schemathesis tested. */
  operations: number;
  failures: FuzzFailure[];
  exitCode: number | null;
  output: string;
}

/** Options of a fuzz run against a running server. */
export interface FuzzOptions {
  bin: string;
  baseUrl: string;
  actor: FuzzActor;
  maxExamples: number;
  /** Whole-run time budget in seconds. */
  maxTime?: number;
  /** Phases to run (default: examples, coverage, fuzzing, stateful). */
  phases?: string[];
  seed?: number;
}

/**
 * Runs schemathesis against `${baseUrl}/api/openapi.json` as one actor with the two checks the
 * suite holds the API to: no 5xx, and every response as documented.
 */
export async function runSchemathesis(options: FuzzOptions): Promise<FuzzRun> {
  const run = await runOnce(options);
  // CPython 3.11's ast module can raise this SystemError inside hypothesis while it describes a
  // strategy (a CPython bug, fixed in later releases): a crash of the fuzzer, not a finding
  // about our API.
  // Run once more; a second crash is reported as it is.
  return run.output.includes('AST constructor recursion depth mismatch') ? runOnce(options) : run;
}

async function runOnce(options: FuzzOptions): Promise<FuzzRun> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gomeet-fuzz-'));
  const ndjson = path.join(dir, 'events.ndjson');
  const args = [
    'run',
    `${options.baseUrl}/api/openapi.json`,
    '--url',
    options.baseUrl,
    '--header',
    `Authorization: Bearer ${options.actor.token}`,
    '--checks',
    'not_a_server_error,response_schema_conformance',
    '--max-examples',
    String(options.maxExamples),
    '--phases',
    (options.phases ?? ['examples', 'coverage', 'fuzzing', 'stateful']).join(','),
    '--seed',
    String(options.seed ?? 1),
    '--workers',
    '2',
    '--request-timeout',
    '10',
    '--suppress-health-check',
    'all',
    '--no-color',
    '--report',
    'ndjson',
    '--report-ndjson-path',
    ndjson,
    ...(options.maxTime ? ['--max-time', String(options.maxTime)] : []),
  ];
  const child = spawn(options.bin, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SCHEMATHESIS_TELEMETRY: 'false', NO_COLOR: '1' },
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exitCode = await new Promise<number | null>((resolve) => child.once('close', resolve));
  const events = existsSync(ndjson) ? await readFile(ndjson, 'utf8') : '';
  await rm(dir, { recursive: true, force: true });
  return {
    actor: options.actor.name,
    exitCode,
    output,
    ...parseEvents(options.actor.name, events),
  };
}

/** Pulls tested operations and failed checks out of schemathesis's ndjson event stream. */
function parseEvents(actor: string, ndjson: string): Pick<FuzzRun, 'operations' | 'failures'> {
  const operations = new Set<string>();
  const failures = new Map<string, FuzzFailure>();
  const visit = (value: unknown, operation: string | undefined): void => {
    if (Array.isArray(value)) {
      for (const v of value) visit(v, operation);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    const label = typeof record.label === 'string' ? record.label : operation;
    if (typeof record.status === 'string' && typeof record.name === 'string' && label) {
      if (/^(GET|POST|PUT|PATCH|DELETE) /.test(label)) operations.add(label);
      if (record.status === 'FAILURE') {
        const failure = record.failure_info as Record<string, unknown> | undefined;
        const detail = JSON.stringify(failure ?? record).slice(0, 600);
        failures.set(`${label} ${record.name}`, {
          actor,
          operation: label,
          check: record.name,
          detail,
        });
      }
    }
    for (const v of Object.values(record)) visit(v, label);
  };
  for (const line of ndjson.split('\n')) {
    if (!line.trim()) continue;
    try {
      visit(JSON.parse(line), undefined);
    } catch {
      // A truncated last line when the run was cut short: what came before still counts.
    }
  }
  return { operations: operations.size, failures: [...failures.values()] };
}
