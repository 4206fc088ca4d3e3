import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ConfigError,
  openRecordingStorage,
  recordingStorageOptions,
  type RecordingStorage,
} from '@gomeet/platform';
import { seaweedfsBinary, startS3Server, type S3Server } from '@gomeet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'gomeet-storage-'));
const KEY = 'recordings/abc-defg-hij/0b6f2c1e.mp4';

function sourceFile(bytes: number): { file: string; data: Buffer } {
  const data = randomBytes(bytes);
  const file = path.join(tempDir(), 'spool.mp4');
  writeFileSync(file, data);
  return { file, data };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

const weed = seaweedfsBinary();
if ('missing' in weed && process.env.CI === 'true')
  throw new Error(`recording storage tests need SeaweedFS: ${weed.missing}`);

describe.skipIf('missing' in weed)('recording storage in a bucket (real SeaweedFS)', () => {
  let server: S3Server;
  let storage: RecordingStorage;
  beforeAll(async () => {
    server = await startS3Server({ buckets: ['recordings-test'], requireCredentials: true });
    storage = openRecordingStorage(
      recordingStorageOptions(
        {
          RECORDINGS_BUCKET: 'recordings-test',
          RECORDINGS_S3_ENDPOINT: server.endpoint,
          RECORDINGS_S3_REGION: server.region,
          RECORDINGS_S3_ACCESS_KEY: server.accessKeyId,
          RECORDINGS_S3_SECRET_KEY: server.secretAccessKey,
          RECORDINGS_S3_FORCE_PATH_STYLE: true,
        },
        { dir: tempDir(), secret: 'unused', basePath: '/unused' },
      ),
    );
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('uploads a file larger than one part and serves it through a presigned attachment URL', async () => {
    expect(storage.kind).toBe('s3');
    const { file, data } = sourceFile(17 * 1024 * 1024 + 123);
    expect(await storage.put(KEY, file, 'video/mp4')).toEqual({ bytes: data.length });
    expect(await storage.stat(KEY)).toEqual({ bytes: data.length });

    const url = await storage.downloadUrl(KEY, 60, 'Standup – 5 Dec.mp4');
    expect(url.startsWith(`${server.endpoint}/recordings-test/`)).toBe(true);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('Standup – 5 Dec.mp4')}`,
    );
    expect(Buffer.from(await res.arrayBuffer()).equals(data)).toBe(true);

    const opened = await storage.open(KEY);
    expect(opened?.bytes).toBe(data.length);
    expect((await readAll(opened!.stream)).equals(data)).toBe(true);
  }, 60_000);

  it('refuses a download URL whose signature was altered', async () => {
    const { file } = sourceFile(1024);
    await storage.put('recordings/abc-defg-hij/forged.mp4', file, 'video/mp4');
    const url = new URL(
      await storage.downloadUrl('recordings/abc-defg-hij/forged.mp4', 60, 'a.mp4'),
    );
    url.searchParams.set('X-Amz-Signature', '0'.repeat(64));
    expect((await fetch(url)).status).toBe(403);
  });

  it('deletes an object, after which stat and open find nothing', async () => {
    const { file } = sourceFile(2048);
    await storage.put('recordings/abc-defg-hij/gone.m4a', file, 'audio/mp4');
    await storage.delete('recordings/abc-defg-hij/gone.m4a');
    expect(await storage.stat('recordings/abc-defg-hij/gone.m4a')).toBeUndefined();
    expect(await storage.open('recordings/abc-defg-hij/gone.m4a')).toBeUndefined();
    await expect(storage.delete('recordings/abc-defg-hij/gone.m4a')).resolves.toBeUndefined();
  });
});

describe('recording storage on local disk', () => {
  const dir = tempDir();
  const storage = openRecordingStorage(
    recordingStorageOptions(
      { RECORDINGS_S3_REGION: 'us-east-1', RECORDINGS_S3_FORCE_PATH_STYLE: false },
      { dir, secret: 'a-secret-of-enough-length-for-hmac', basePath: '/api/recordings/files' },
    ),
  );

  it('copies the file under the data dir and signs a download URL only it verifies', async () => {
    expect(storage.kind).toBe('local');
    const { file, data } = sourceFile(4096);
    expect(await storage.put(KEY, file, 'video/mp4')).toEqual({ bytes: 4096 });
    expect(readFileSync(path.join(dir, KEY)).equals(data)).toBe(true);
    expect(readFileSync(file).equals(data)).toBe(true);

    const url = new URL(await storage.downloadUrl(KEY, 60, 'x.mp4'), 'http://gomeet.test');
    expect(url.pathname).toBe(`/api/recordings/files/${encodeURIComponent(KEY)}`);
    const expires = url.searchParams.get('expires')!;
    const sig = url.searchParams.get('sig')!;
    expect(storage.verify(KEY, expires, sig)).toBe(true);
    expect(storage.verify(KEY, String(Number(expires) + 1), sig)).toBe(false);
    expect(storage.verify('recordings/abc-defg-hij/other.mp4', expires, sig)).toBe(false);
    expect(storage.verify(KEY, expires, sig.slice(0, -2))).toBe(false);

    const opened = await storage.open(KEY);
    expect((await readAll(opened!.stream)).equals(data)).toBe(true);
    await storage.delete(KEY);
    expect(await storage.stat(KEY)).toBeUndefined();
  });

  it('refuses an expired signature', async () => {
    const url = new URL(await storage.downloadUrl(KEY, -1, 'x.mp4'), 'http://gomeet.test');
    expect(
      storage.verify(KEY, url.searchParams.get('expires')!, url.searchParams.get('sig')!),
    ).toBe(false);
  });

  it('refuses keys that would leave the storage folder', async () => {
    const { file } = sourceFile(16);
    await expect(storage.put('../escape.mp4', file, 'video/mp4')).rejects.toThrow(/invalid/);
    await expect(storage.stat('recordings/../../etc/passwd')).resolves.toBeUndefined();
    await expect(storage.downloadUrl('/abs.mp4', 60, 'x')).rejects.toThrow(/invalid/);
  });

  it('names the variables when only half of the S3 credentials are set', () => {
    expect(() =>
      recordingStorageOptions(
        {
          RECORDINGS_BUCKET: 'b',
          RECORDINGS_S3_REGION: 'us-east-1',
          RECORDINGS_S3_ACCESS_KEY: 'key-only',
          RECORDINGS_S3_FORCE_PATH_STYLE: false,
        },
        { dir, secret: 's', basePath: '/x' },
      ),
    ).toThrow(ConfigError);
  });
});
