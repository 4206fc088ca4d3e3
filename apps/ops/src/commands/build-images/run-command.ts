import { spawn } from 'node:child_process';

/** What one external command produced. `notFound` is set when the binary is not on PATH. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
  notFound?: boolean;
}

/** Options of one call; `env` replaces the environment (the CLI's injected one). */
export interface RunOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  input?: string;
  timeoutMs?: number;
  /** Called with each chunk of stderr as it arrives (progress of long builds and rollouts). */
  onStderr?: (text: string) => void;
}

/**
 * The one narrow way build-images and master-deploy start programs (docker, kubectl, trivy…):
 * argv only, never a shell. Tests hand in a fake and assert the exact argv.
 */
export type CommandRunner = (
  file: string,
  args: readonly string[],
  options: RunOptions,
) => Promise<CommandResult>;

/** The real runner: spawns `file` without a shell and collects its output; never rejects. */
export const spawnCommand: CommandRunner = (file, args, options) =>
  new Promise((resolve) => {
    const child = spawn(file, [...args], {
      env: options.env,
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(options.timeoutMs ? { timeout: options.timeoutMs, killSignal: 'SIGKILL' } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      const text = d.toString();
      stderr += text;
      options.onStderr?.(text);
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ code: 127, stdout, stderr: error.message, notFound: error.code === 'ENOENT' }),
    );
    child.on('close', (code, signal) =>
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }),
    );
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });

/** The last non-empty lines of a command's stderr joined on one line, for error messages. */
export function lastLines(text: string, count = 3): string {
  return text
    .trim()
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-count)
    .join(' | ');
}
