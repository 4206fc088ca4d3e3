import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGoMeet, type RunningGoMeet } from '../src/index.js';
import { fuzzActors, type FuzzActors } from './support/fuzz-actors.js';
import {
  findSchemathesis,
  runSchemathesis,
  SESSION_ENDERS,
  type FuzzActor,
} from './support/schemathesis.js';

const ci = process.env.CI === 'true';
const livekitBin = fileURLToPath(new URL('../../../.bin/livekit-server', import.meta.url));
const haveLiveKit = existsSync(livekitBin);
const st = findSchemathesis();
if (ci && !st)
  throw new Error('schemathesis is required in CI: run scripts/install-schemathesis.sh');
if (ci && !haveLiveKit)
  throw new Error('LiveKit is required in CI: run scripts/install-livekit.sh');
if (!st)
  console.warn(
    '[test] schemathesis not installed (scripts/install-schemathesis.sh): API fuzzing skipped',
  );
const missing = !st ? 'schemathesis not installed' : !haveLiveKit ? 'LiveKit not installed' : '';

// Bounded for `npm test` (about 20 s per person on 2 cores); bench/fuzz.ts runs far more.
const MAX_EXAMPLES = 3;

describe.skipIf(missing !== '')(
  `the API under schemathesis as host, participant, guest and a leaving account${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let gomeet: RunningGoMeet;
    let actors: FuzzActors;

    beforeAll(async () => {
      gomeet = await startGoMeet({
        logLevel: false,
        env: {
          LIVEKIT_API_KEY: 'fuzzkey',
          LIVEKIT_API_SECRET: 'fuzz-secret-of-at-least-thirty-two-chars',
        },
      });
      actors = await fuzzActors(gomeet.url);
    });
    afterAll(async () => {
      await gomeet?.close();
    });

    /** Whether the server still takes `actor`'s token (401 is the answer to one it does not). */
    const stillSignedIn = async (actor: FuzzActor) =>
      (
        await fetch(`${gomeet.url}/api/auth/me`, {
          headers: { authorization: `Bearer ${actor.token}` },
        })
      ).status !== 401;

    const fuzz = (actor: FuzzActor, maxTime = 60) =>
      runSchemathesis({ bin: st!, baseUrl: gomeet.url, actor, maxExamples: MAX_EXAMPLES, maxTime });

    it(
      'answers the operations that end one’s own session likewise, as an account of their own',
      { timeout: 200_000 },
      async () => {
        // Three operations, the first of which signs the account out: 20 s are plenty.
        const run = await fuzz(actors.leaver, 20);
        expect(run.operations, run.output.slice(-3000)).toBe(SESSION_ENDERS.length);
        expect(run.failures, run.output.slice(-6000)).toEqual([]);
        expect(run.exitCode, run.output.slice(-6000)).toBe(0);
        expect(await stillSignedIn(actors.leaver)).toBe(false);
      },
    );

    for (const name of ['participant', 'guest', 'host'] as const) {
      it(
        `answers ${name} with no 5xx and only documented responses`,
        // Schemathesis runs every operation within about 20 s here, then keeps cycling its
        // fuzzing and stateful phases until --max-time is spent, so each run lasts about 60 s.
        // A run still going 60 s past that is interrupted (its findings kept) and fails here.
        { timeout: 200_000 },
        async () => {
          const run = await fuzz(actors[name]);
          expect(run.operations, run.output.slice(-3000)).toBeGreaterThan(20);
          expect(run.failures, run.output.slice(-6000)).toEqual([]);
          expect(run.exitCode, run.output.slice(-6000)).toBe(0);
          // What was fuzzed was fuzzed as this person, not as someone signed out on the way.
          expect(await stillSignedIn(actors[name])).toBe(true);
        },
      );
    }
  },
);
