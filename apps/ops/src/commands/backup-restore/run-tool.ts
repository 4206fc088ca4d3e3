import { spawn } from 'node:child_process';
import path from 'node:path';
import { findBinary } from '@gomeet/platform/helpers';
import { EXIT, ExitError } from '../../cli/exit.js';

/** Finds a client binary on PATH, else in Debian's /usr/lib/postgresql/<version>/bin. */
export function findTool(name: string, env: NodeJS.ProcessEnv): string {
  const found = findBinary(name, env);
  if (!found) {
    throw new ExitError(
      EXIT.UNREACHABLE,
      `${name} not found: install it (apt-get install postgresql-client redis-tools)`,
    );
  }
  return found;
}

/** Runs a tool to completion; rejects with its last stderr lines (which carry no secrets). */
export function runTool(
  bin: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  stdin?: NodeJS.ReadableStream,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env, stdio: [stdin ? 'pipe' : 'ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    if (stdin && child.stdin) stdin.pipe(child.stdin);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) return resolve();
      const detail = stderr.trim().split('\n').slice(-3).join(' | ');
      reject(new Error(`${path.basename(bin)} exited with ${String(code)}: ${detail}`));
    });
  });
}
