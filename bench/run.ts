/**
 * `npm run bench`: runs every benchmark in bench/ one after another and lets each print its
 * figures. `npm run bench -- join-token fanout` runs only those. Benchmarks assert nothing;
 * run them on an idle machine, since other load skews every figure.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Each benchmark with the arguments `npm run bench` gives it (sized for a small machine). */
const benches: Record<string, string[]> = {
  'join-token': [],
  'join-storm': [],
  'web-bundle': [],
  'join-time': [],
  fanout: [],
  fuzz: [],
  // Real PostgreSQL, Redis and LiveKit: 10,000 chat messages through four faults (about 40 s).
  'chat-faults': [],
  // Clients run in their own processes; the server opens as many of the 50,000 as its
  // open-files limit leaves room for and says so (see the file).
  'socket-capacity': ['--sockets', '50000'],
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in benches));
if (unknown.length) {
  console.error(
    `unknown benchmark: ${unknown.join(', ')} (known: ${Object.keys(benches).join(', ')})`,
  );
  process.exit(2);
}

let failed = 0;
for (const [name, args] of Object.entries(benches)) {
  if (wanted.length && !wanted.includes(name)) continue;
  console.log(`\n=== bench/${name}.ts ${args.join(' ')}`);
  const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  const result = spawnSync(process.execPath, ['--import', 'tsx', file, ...args], {
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    failed += 1;
    console.error(`bench/${name}.ts exited with ${result.status ?? result.signal}`);
  }
}
process.exit(failed ? 1 : 0);
