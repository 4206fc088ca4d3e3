/**
 * Run inside a test network namespace (see media-beyond-loopback.test.ts): starts the all-in-one
 * server with HOST=192.0.2.1 and its embedded LiveKit, lets two @livekit/rtc-node bots in through
 * GoMeet's own join answers (a signed-in host and a guest), has each publish synthetic video and
 * audio, and prints one JSON line: what each bot received from the other.
 */
import { api, sleep, startBot } from './bots.js';
import { startGoMeet } from '../../src/index.js';

const HOST = process.env.BOTS_HOST ?? '192.0.2.1';

async function main(): Promise<void> {
  const gomeet = await startGoMeet({
    host: HOST,
    logLevel: false,
    env: {
      LIVEKIT_API_KEY: 'netnskey',
      LIVEKIT_API_SECRET: 'netns-secret-of-at-least-thirty-two-chars',
      TURN_BIN: 'off',
    },
  });
  const bots: Awaited<ReturnType<typeof startBot>>[] = [];
  try {
    const base = `http://${HOST}:${new URL(gomeet.url).port}`;
    const host = await api(base, '/api/auth/register', {
      email: `host-${Date.now()}@example.test`,
      password: 'correct horse battery',
      displayName: 'Host bot',
    });
    const meeting = await api(
      base,
      '/api/meetings',
      { title: 'Beyond loopback', settings: { lobby: false } },
      host.accessToken as string,
    );
    const code = meeting.code as string;
    const guest = await api(base, '/api/auth/guest', {
      meetingCode: code,
      displayName: 'Guest bot',
    });
    const answers = [
      await api(base, `/api/meetings/${code}/join`, {}, host.accessToken as string),
      await api(base, `/api/meetings/${code}/join`, {}, guest.accessToken as string),
    ];
    for (const a of answers) bots.push(await startBot(a.livekitUrl as string, a.token as string));
    // Done once each bot has a second of the other's media, or after 20 s.
    const deadline = Date.now() + 20_000;
    while (
      Date.now() < deadline &&
      !bots.every((b) => b.got.videoFrames >= 10 && b.got.audioFrames >= 50)
    )
      await sleep(200);
    console.log(
      JSON.stringify({
        livekitUrls: answers.map((a) => a.livekitUrl),
        media: gomeet.media,
        bots: bots.map((b) => b.got),
      }),
    );
  } finally {
    for (const b of bots) await b.stop();
    await gomeet.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.log(JSON.stringify({ error: String((error as Error).stack ?? error) }));
    process.exit(1);
  },
);
