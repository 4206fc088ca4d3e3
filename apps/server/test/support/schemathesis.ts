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
  /** Which operations this person's run covers ("METHOD /path" as in the OpenAPI document). */
  operations?: { only?: string[]; except?: string[] };
}

/**
 * Operations that end the caller's own session (GET /api/auth/me/sessions hands the stateful
 * phase the current session's id). A run that tries them signs its actor out within seconds and
 * tests everything after as nobody, so the actors' runs leave them out and one run of their own,
 * as a throwaway account, fuzzes them.
 */
export const SESSION_ENDERS = [
  'POST /api/auth/logout',
  'POST /api/auth/me/sign-out-everywhere',
  'DELETE /api/auth/me/sessions/{id}',
];

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
  /** The run outlived its budget by more than OVERRUN_GRACE_MS and was stopped. */
  overran: boolean;
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
  /**
   * Whole-run time budget in seconds. Schemathesis 4 keeps cycling its fuzzing and stateful
   * phases until the budget is spent, so a run with one lasts about that long.
   */
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
  const dir = await mkdtemp(path.join(tmpdir(), 'gomeet-fuzz-'));
  try {
    return await runIn(dir, options);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * How long past --max-time a run may go before it is interrupted: schemathesis checks its budget
 * between test cases, so the one under way (and the stateful phase) finishes first.
 */
const OVERRUN_GRACE_MS = 60_000;

async function runIn(dir: string, options: FuzzOptions): Promise<FuzzRun> {
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
    // One worker: with two threads, hypothesis's descriptions of filters (ast.parse) crash now
    // and then on CPython 3.11 with "AST constructor recursion depth mismatch" (the ast module
    // keeps its depth count in interpreter-wide state); with one, not once in our runs.
    '--workers',
    '1',
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
    ...(options.actor.operations?.only ?? []).flatMap((name) => ['--include-name', name]),
    ...(options.actor.operations?.except ?? []).flatMap((name) => ['--exclude-name', name]),
  ];
  const child = spawn(options.bin, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SCHEMATHESIS_TELEMETRY: 'false', NO_COLOR: '1' },
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
  // A backstop, so an overrun ends in a report rather than the test's timeout: Ctrl-C lets
  // schemathesis write what it found so far; SIGKILL if it does not stop within 10 s.
  let overran = false;
  const interrupt =
    options.maxTime &&
    setTimeout(
      () => {
        overran = true;
        child.kill('SIGINT');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      },
      options.maxTime * 1000 + OVERRUN_GRACE_MS,
    );
  const exitCode = await closed;
  clearTimeout(interrupt || undefined);
  const events = existsSync(ndjson) ? await readFile(ndjson, 'utf8') : '';
  return {
    actor: options.actor.name,
    exitCode,
    overran,
    output: overran
      ? `${output}\n[test] stopped: still running ${OVERRUN_GRACE_MS / 1000} s past --max-time`
      : output,
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
