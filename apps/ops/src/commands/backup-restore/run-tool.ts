import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { EXIT, ExitError } from '../../cli/exit.js';

/** Finds a client binary on PATH, else in Debian's /usr/lib/postgresql/<version>/bin. */
export function findTool(name: string, env: NodeJS.ProcessEnv): string {
  const candidates = [
    ...(env.PATH ?? '').split(':').map((d) => path.join(d, name)),
    ...['17', '16', '15', '14'].map((v) => `/usr/lib/postgresql/${v}/bin/${name}`),
  ];
  const found = candidates.find((c) => c && existsSync(c));
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

/** A URL with its password replaced, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}
