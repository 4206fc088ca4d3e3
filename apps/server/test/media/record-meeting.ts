/**
 * Run inside a test network namespace (see recording.test.ts): a SeaweedFS S3 gateway, the
 * all-in-one server at HOST=192.0.2.1 with its in-process recorder uploading to it, and two bots
 * in a meeting. The host records 10 s; the script prints one JSON line: the recording as the
 * host sees it, what the download link served, and what a participant got. (The file's streams,
 * length and sound are checked by services/recorder's own media test.)
 */
import type { Recording, RecordingWithDownload } from '@gomeet/protocol';
import { startS3Server } from '@gomeet/testing';
import { api, sleep, startBot } from './bots.js';
import { startGoMeet } from '../../src/index.js';

const HOST = '192.0.2.1';
const RECORD_MS = 10_000;

async function getJson<T>(url: string, token: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as T };
}

/** Polls the recording until `done` says so, or throws after `ms`. */
async function waitFor(
  read: () => Promise<Recording>,
  done: (r: Recording) => boolean,
  ms: number,
) {
  const deadline = Date.now() + ms;
  for (;;) {
    const r = await read();
    if (done(r)) return r;
    if (Date.now() > deadline) throw new Error(`recording stayed ${r.state}: ${JSON.stringify(r)}`);
    await sleep(250);
  }
}

async function main(): Promise<void> {
  const s3 = await startS3Server({ buckets: ['recordings'] });
  const gomeet = await startGoMeet({
    host: HOST,
    logLevel: process.env.RECORD_LOG_LEVEL ?? false,
    env: {
      LIVEKIT_API_KEY: 'netnskey',
      LIVEKIT_API_SECRET: 'netns-secret-of-at-least-thirty-two-chars',
      TURN_BIN: 'off',
      RECORDINGS_BUCKET: 'recordings',
      RECORDINGS_S3_ENDPOINT: s3.endpoint,
      RECORDINGS_S3_REGION: s3.region,
      RECORDINGS_S3_ACCESS_KEY: s3.accessKeyId,
      RECORDINGS_S3_SECRET_KEY: s3.secretAccessKey,
      RECORDINGS_S3_FORCE_PATH_STYLE: 'true',
    },
  });
  const bots: Awaited<ReturnType<typeof startBot>>[] = [];
  try {
    if (!gomeet.recording.on) throw new Error(`recording is off: ${gomeet.recording.reason}`);
    const base = `http://${HOST}:${new URL(gomeet.url).port}`;
    const user = (name: string) =>
      api(base, '/api/auth/register', {
        email: `${name.toLowerCase().replace(/\W+/g, '-')}-${Date.now()}@example.test`,
        password: 'correct horse battery',
        displayName: name,
      }).then((r) => r.accessToken as string);
    const [host, participant] = [await user('Host bot'), await user('Participant bot')];
    const meeting = await api(
      base,
      '/api/meetings',
      { title: 'Recorded', settings: { lobby: false } },
      host,
    );
    const code = meeting.code as string;
    for (const token of [host, participant]) {
      const a = await api(base, `/api/meetings/${code}/join`, {}, token);
      bots.push(await startBot(a.livekitUrl as string, a.token as string));
    }
    await sleep(1_000);
    const started = (await api(base, `/api/meetings/${code}/recordings`, {}, host)) as Recording;
    const one = `${base}/api/meetings/${code}/recordings/${started.id}`;
    const read = async () => (await getJson<RecordingWithDownload>(one, host)).body;
    await waitFor(read, (r) => r.state === 'recording' || r.state === 'failed', 30_000);
    await sleep(RECORD_MS);
    await api(base, `/api/meetings/${code}/recordings/${started.id}/stop`, {}, host);
    await waitFor(read, (r) => r.state === 'ready' || r.state === 'failed', 90_000);
    const mine = await getJson<RecordingWithDownload>(one, host);
    const theirs = await getJson<{ type: string }>(one, participant);
    const url = mine.body.downloadUrl ?? '';
    const file = await fetch(url.startsWith('/') ? base + url : url);
    const bytes = Buffer.from(await file.arrayBuffer());
    console.log(
      JSON.stringify({
        recording: mine.body,
        download: {
          status: file.status,
          type: file.headers.get('content-type'),
          disposition: file.headers.get('content-disposition'),
          bucketHost: new URL(url, base).host,
          bytes: bytes.length,
          // An MP4 starts with its `ftyp` box: 4 bytes of size, then the type.
          box: bytes.subarray(4, 8).toString('latin1'),
        },
        participant: { status: theirs.status, type: theirs.body.type },
        s3Endpoint: s3.endpoint,
      }),
    );
  } finally {
    for (const b of bots) await b.stop();
    await gomeet.close();
    await s3.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.log(JSON.stringify({ error: String((error as Error).stack ?? error) }));
    process.exit(1);
  },
);
