import { Writable } from 'node:stream';
import type { CliDeps } from '../../src/cli/context.js';
import { run } from '../../src/cli/program.js';

/** A writable that keeps what was written, for asserting CLI output. */
export class Capture extends Writable {
  text = '';
  /** `onWrite` runs after each write, e.g. to act once a first report is out. */
  constructor(private readonly onWrite?: (text: string) => void) {
    super();
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    this.onWrite?.(this.text);
    cb();
  }
}

/** What a CLI run produced. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as one JSON document. */
  json<T = unknown>(): T;
  /** stdout parsed as NDJSON lines. */
  lines<T = unknown>(): T[];
}

/** Runs gomeet-ops in-process with injected deps (env defaults to empty, never process.env). */
export async function runCli(argv: string[], deps: Partial<CliDeps> = {}): Promise<CliRun> {
  const stdout = (deps.stdout as Capture | undefined) ?? new Capture();
  const stderr = (deps.stderr as Capture | undefined) ?? new Capture();
  const code = await run(argv, { env: {}, cwd: process.cwd(), ...deps, stdout, stderr });
  return {
    code,
    stdout: stdout.text,
    stderr: stderr.text,
    json: <T>() => JSON.parse(stdout.text) as T,
    lines: <T>() =>
      stdout.text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as T),
  };
}
