import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const exec = promisify(execFile);

/** What a runbook line printed, and its exit code. */
export interface RunbookLineResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs one runbook line (`./deployment/digitalocean/<script>.sh …`) from the repository root
 * without a cluster: the environment is PATH and a HOME that does not exist plus `env`, so
 * nothing of the developer's shell leaks in. Bounded at 120 s.
 */
export async function runRunbookLine(
  line: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<RunbookLineResult> {
  const [file, ...args] = line;
  try {
    const r = await exec(file ?? '', args, {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: '/nonexistent', ...env },
      timeout: 120_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
