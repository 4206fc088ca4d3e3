#!/usr/bin/env node
import { run } from './cli/program.js';

/** Entry point of `gomeet-ops`: the only place that calls process.exit. */
async function main(): Promise<void> {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const code = await run(process.argv.slice(2), { signal: controller.signal });
  process.exit(code);
}

void main();
