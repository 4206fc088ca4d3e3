/**
 * The long API fuzz: schemathesis against /api/openapi.json of the all-in-one server (embedded
 * PGlite and LiveKit on loopback), as host, participant and guest, every operation and every
 * phase (examples, coverage, fuzzing, stateful). Target: 0 responses 5xx and 0 responses that
 * violate the documented schema. `npm test` runs the same with a few examples per operation
 * (apps/server/test/fuzz.test.ts); this one runs many.
 *
 *   bash scripts/install-schemathesis.sh       (once: a pinned schemathesis in a cached venv)
 *   npx tsx bench/fuzz.ts                      (after `npm run build`)
 *   BENCH_FUZZ_EXAMPLES=500 npx tsx bench/fuzz.ts
 */
import { findSchemathesis, runSchemathesis } from '../apps/server/test/support/schemathesis.js';
import { fuzzActors } from '../apps/server/test/support/fuzz-actors.js';

const EXAMPLES = Number(process.env.BENCH_FUZZ_EXAMPLES ?? 100);

const bin = findSchemathesis();
if (!bin) {
  console.error('schemathesis is not installed: bash scripts/install-schemathesis.sh');
  process.exit(1);
}
const { startGoMeet } = await import('@gomeet/server');
const gomeet = await startGoMeet({
  logLevel: false,
  env: {
    LIVEKIT_API_KEY: 'fuzzkey',
    LIVEKIT_API_SECRET: 'fuzz-secret-of-at-least-thirty-two-chars',
  },
});
let failures = 0;
try {
  for (const actor of Object.values(await fuzzActors(gomeet.url))) {
    const started = Date.now();
    const run = await runSchemathesis({ bin, baseUrl: gomeet.url, actor, maxExamples: EXAMPLES });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `${actor.name}: ${run.operations} operations, ${EXAMPLES} examples each, ` +
        `${run.failures.length} failures, exit ${run.exitCode}, ${seconds} s`,
    );
    for (const f of run.failures) console.log(`  ${f.operation} ${f.check}: ${f.detail}`);
    if (run.exitCode !== 0) {
      failures += Math.max(1, run.failures.length);
      console.log(run.output.slice(-8000));
    }
  }
} finally {
  await gomeet.close();
}
console.log(failures === 0 ? 'fuzz: 0 failures' : `fuzz: ${failures} failures`);
process.exit(failures === 0 ? 0 : 1);
