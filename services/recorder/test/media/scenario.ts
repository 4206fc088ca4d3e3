/**
 * Run inside a test network namespace by recording-media.test.ts. Starts LiveKit on 192.0.2.1,
 * SeaweedFS and (for `kill`) Redis, puts two rtc-node bots in a room (one sends a 440 Hz tone
 * and video), and records them through the bus protocol:
 *   record  — an in-process recorder records 10 s and uploads it, then 4 s of sound only;
 *   kill    — the recorder's main runs as a child, is SIGKILLed mid-recording (with its
 *             ffmpeg, as when a pod dies) and started again, which salvages the spool file.
 * Downloads the stored objects to RECORDER_TEST_OUT (recording.mp4, audio.m4a) and prints one
 * JSON line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createInProcessBus,
  createRedisBus,
  openRecordingStorage,
  openRedis,
  type RecordingStorage,
} from '@gomeet/platform';
import { startRedis, startS3Server, stopChild, type S3Server } from '@gomeet/testing';
import { findFfmpeg, startRecorder } from '@gomeet/recorder';
import { pino } from 'pino';
import { joinBot } from './bots.js';
import { startTestLiveKit, type TestLiveKit } from './livekit.js';
import { standInMeetingService } from './stand-in.js';

const MEETING = 'abc-defg-hij';
const BUCKET = 'recordings';
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const spoolFiles = (dir: string) => readdirSync(dir).sort();

type Cleanup = () => Promise<unknown>;

async function recordInProcess(lk: TestLiveKit, storage: RecordingStorage, cleanups: Cleanup[]) {
  const bus = createInProcessBus();
  const spoolDir = mkdtempSync(path.join(tmpdir(), 'gomeet-spool-'));
  const recorder = await startRecorder({
    bus,
    livekitUrl: lk.url,
    apiKey: lk.apiKey,
    apiSecret: lk.apiSecret,
    storage,
    spoolDir,
    ffmpegPath: (await findFfmpeg())!,
    logger: pino({ level: 'warn' }, pino.destination(2)),
  });
  cleanups.push(() => recorder.close());
  const meeting = await standInMeetingService(bus);
  const record = async (seconds: number, audioOnly: boolean) => {
    const id = randomUUID();
    await meeting.request(id, MEETING, audioOnly);
    await meeting.waitForState(id, (m) => m.state === 'recording', 30_000);
    await sleep(seconds * 1000);
    await meeting.stop(id);
    const final = await meeting.waitForState(
      id,
      (m) => m.state === 'ready' || m.state === 'failed',
      90_000,
    );
    return { recordingId: id, final, states: meeting.states(id) };
  };
  const video = await record(10, false);
  const audioOnly = await record(4, true);
  const heartbeats = meeting.seen.flatMap((m) =>
    m.type === 'recording.heartbeat' ? [m.recordingIds] : [],
  );
  return { ...video, audioOnly, heartbeats, spoolAfter: spoolFiles(spoolDir) };
}

function startRecorderProcess(env: NodeJS.ProcessEnv): ChildProcess {
  // detached: its own process group, so the kill reaches ffmpeg too, as a dying pod's would.
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/recorder/src/main.ts'], {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

async function killAndSalvage(lk: TestLiveKit, s3: S3Server, cleanups: Cleanup[]) {
  const redis = await startRedis();
  cleanups.push(() => redis.stop());
  const client = openRedis(redis.url, 'recorder-test');
  const bus = createRedisBus(client);
  cleanups.push(async () => {
    await bus.close();
    client.disconnect();
  });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gomeet-recorder-data-'));
  const spoolDir = path.join(dataDir, 'recordings-spool');
  const env = {
    PATH: process.env.PATH,
    TSX_TSCONFIG_PATH: 'tsconfig.check.json',
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    GOMEET_DATA_DIR: dataDir,
    REDIS_URL: redis.url,
    LIVEKIT_URL: lk.url,
    LIVEKIT_API_KEY: lk.apiKey,
    LIVEKIT_API_SECRET: lk.apiSecret,
    RECORDINGS_BUCKET: BUCKET,
    RECORDINGS_S3_ENDPOINT: s3.endpoint,
    RECORDINGS_S3_ACCESS_KEY: s3.accessKeyId,
    RECORDINGS_S3_SECRET_KEY: s3.secretAccessKey,
    RECORDINGS_S3_FORCE_PATH_STYLE: 'true',
  };
  const meeting = await standInMeetingService(bus);
  const id = randomUUID();
  const first = startRecorderProcess(env);
  cleanups.push(() => killGroup(first));
  // The process needs a moment to subscribe; a request nobody claimed is simply sent again.
  let claimed = false;
  for (let i = 0; i < 60 && !claimed; i++) {
    await meeting.request(id, MEETING);
    await sleep(1_000);
    claimed = meeting.seen.some((m) => m.type === 'recording.claim');
  }
  await meeting.waitForState(id, (m) => m.state === 'recording', 60_000);
  await sleep(7_000);
  await killGroup(first);
  const leftBehind = spoolFiles(spoolDir);

  const second = startRecorderProcess(env);
  cleanups.push(async () => {
    await stopChild(second, 15_000);
    await killGroup(second);
  });
  const final = await meeting.waitForState(
    id,
    (m) => m.state === 'failed' && m.partial === true,
    90_000,
  );
  // The state is reported before the spool files go (a crash in between only re-uploads).
  for (let i = 0; i < 50 && spoolFiles(spoolDir).length > 0; i++) await sleep(100);
  return {
    recordingId: id,
    final,
    states: meeting.states(id),
    leftBehind,
    spoolAfter: spoolFiles(spoolDir),
  };
}

async function killGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
  await exited;
}

/** Copies an object out of the bucket into `file`; its size as stat() gave it, if it exists. */
async function download(storage: RecordingStorage, key: string | undefined, file: string) {
  const stored = key ? await storage.stat(key) : undefined;
  if (!key || !stored) return undefined;
  const opened = await storage.open(key);
  const chunks: Buffer[] = [];
  for await (const chunk of opened!.stream) chunks.push(Buffer.from(chunk as Uint8Array));
  writeFileSync(file, Buffer.concat(chunks));
  return stored;
}

async function main(mode: string, outDir: string): Promise<void> {
  const cleanups: Cleanup[] = [];
  try {
    const lk = await startTestLiveKit('192.0.2.1');
    cleanups.push(() => lk.stop());
    const s3 = await startS3Server({ buckets: [BUCKET] });
    cleanups.push(() => s3.stop());
    const storage = openRecordingStorage({
      kind: 's3',
      bucket: BUCKET,
      endpoint: s3.endpoint,
      region: s3.region,
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
      forcePathStyle: true,
    });
    for (const [identity, talk] of [
      ['talker', true],
      ['listener', false],
    ] as const) {
      const bot = await joinBot(lk, MEETING, identity, talk);
      cleanups.push(() => bot.leave());
    }
    const result =
      mode === 'kill'
        ? await killAndSalvage(lk, s3, cleanups)
        : await recordInProcess(lk, storage, cleanups);
    const stored = await download(
      storage,
      result.final.objectKey,
      path.join(outDir, 'recording.mp4'),
    );
    if ('audioOnly' in result)
      await download(storage, result.audioOnly.final.objectKey, path.join(outDir, 'audio.m4a'));
    console.log(JSON.stringify({ result: { ...result, stored } }));
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

main(process.argv[2] ?? 'record', process.env.RECORDER_TEST_OUT ?? tmpdir()).then(
  () => process.exit(0),
  (error: unknown) => {
    console.log(JSON.stringify({ error: String((error as Error).stack ?? error) }));
    process.exit(1);
  },
);
