/**
 * Inside a test namespace: starts GoMeet and LiveKit on 192.0.2.1, runs `gomeet-ops loadtest`
 * against them with the arguments given, and prints its stdout (the report) and exit code:
 *   node --import tsx apps/ops/test/support/loadtest-scenario.ts --meetings 2 --participants 4 …
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './livekit-node.js';
import { SERVER_ADDRESS, startMediaStack } from './media-stack.js';

const stack = await startMediaStack();
let code: number | null = null;
try {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(repoRoot, 'apps/ops/src/main.ts'),
      'loadtest',
      '--target',
      `http://${SERVER_ADDRESS}:${new URL(stack.url).port}`,
      '--sfu-metrics',
      stack.livekit.metricsUrl,
      '--sfu-pid',
      String(stack.livekit.child.pid),
      ...process.argv.slice(2),
    ],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
      cwd: repoRoot,
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  code = await new Promise<number | null>((r) => child.once('exit', r));
} finally {
  await stack.close();
}
process.stderr.write(`loadtest exited ${code}\n`);
process.exit(code ?? 1);
