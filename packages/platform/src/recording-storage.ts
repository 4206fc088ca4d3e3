import { createHmac, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { z } from 'zod';
import { ConfigError } from './config.js';

/** Where finished recordings live: files under the data dir, or an S3-compatible bucket. */
export interface RecordingStorage {
  readonly kind: 'local' | 's3';
  /** Stores a finished local file under `key` (S3: multipart upload); the file itself stays. */
  put(key: string, file: string, contentType: string): Promise<{ bytes: number }>;
  /**
   * A URL valid for `ttlSeconds` that serves the object as an attachment named `filename`.
   * s3: a presigned GET. local: `${basePath}/${encodeURIComponent(key)}?expires=..&sig=..`, which
   * the serving route checks with {@link RecordingStorage.verify} (it names the attachment itself).
   */
  downloadUrl(key: string, ttlSeconds: number, filename: string): Promise<string>;
  /** local: checks a download URL's `expires` and `sig` for `key`; false when expired or forged. */
  verify(key: string, expires: string, sig: string): boolean;
  /** A read stream and the size of the object; undefined when it does not exist. */
  open(key: string): Promise<{ stream: NodeJS.ReadableStream; bytes: number } | undefined>;
  stat(key: string): Promise<{ bytes: number } | undefined>;
  /** Removes the object; a missing one is not an error. */
  delete(key: string): Promise<void>;
}

/** Files under `dir`; download URLs point at `basePath` and are signed with `secret`. */
export interface LocalRecordingStorageOptions {
  kind: 'local';
  dir: string;
  secret: string;
  basePath: string;
}

/** An S3-compatible bucket; without `credentials` the SDK's default chain supplies them. */
export interface S3RecordingStorageOptions {
  kind: 's3';
  bucket: string;
  endpoint?: string | undefined;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
  forcePathStyle: boolean;
}

/** How {@link openRecordingStorage} stores recordings. */
export type RecordingStorageOptions = LocalRecordingStorageOptions | S3RecordingStorageOptions;

const booleanEnv = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

/** The recording storage variables, for a service's config schema (RECORDINGS_BUCKET unset → local). */
export const recordingStorageEnv = {
  RECORDINGS_BUCKET: z.string().min(1).optional(),
  RECORDINGS_S3_ENDPOINT: z.url('expected an http(s):// URL').optional(),
  RECORDINGS_S3_REGION: z.string().min(1).default('us-east-1'),
  RECORDINGS_S3_ACCESS_KEY: z.string().min(1).optional(),
  RECORDINGS_S3_SECRET_KEY: z.string().min(1).optional(),
  RECORDINGS_S3_FORCE_PATH_STYLE: booleanEnv,
};

/** The parsed {@link recordingStorageEnv} fields. */
export type RecordingStorageEnv = z.output<z.ZodObject<typeof recordingStorageEnv>>;

/**
 * Storage options from parsed config: a bucket when RECORDINGS_BUCKET is set, else files in
 * `local.dir` (GOMEET_DATA_DIR/recordings). An access key without its secret (or the reverse)
 * is a {@link ConfigError}.
 */
export function recordingStorageOptions(
  env: RecordingStorageEnv,
  local: Omit<LocalRecordingStorageOptions, 'kind'>,
): RecordingStorageOptions {
  if (!env.RECORDINGS_BUCKET) return { kind: 'local', ...local };
  const key = env.RECORDINGS_S3_ACCESS_KEY;
  const secret = env.RECORDINGS_S3_SECRET_KEY;
  if (Boolean(key) !== Boolean(secret))
    throw new ConfigError([
      'RECORDINGS_S3_ACCESS_KEY and RECORDINGS_S3_SECRET_KEY: set both, or neither to use the default credential chain',
    ]);
  return {
    kind: 's3',
    bucket: env.RECORDINGS_BUCKET,
    endpoint: env.RECORDINGS_S3_ENDPOINT,
    region: env.RECORDINGS_S3_REGION,
    credentials: key && secret ? { accessKeyId: key, secretAccessKey: secret } : undefined,
    forcePathStyle: env.RECORDINGS_S3_FORCE_PATH_STYLE,
  };
}

/** Opens local or S3 recording storage. */
export function openRecordingStorage(options: RecordingStorageOptions): RecordingStorage {
  return options.kind === 'local' ? localStorage(options) : s3Storage(options);
}

// Keys are ours (`recordings/{code}/{id}.mp4`), but a local key becomes a path: refuse anything
// that could climb out of the storage folder.
const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;
function checkKey(key: string): string {
  if (!KEY.test(key) || key.split('/').includes('..'))
    throw new Error(`invalid recording object key: ${JSON.stringify(key)}`);
  return key;
}

function localStorage(o: LocalRecordingStorageOptions): RecordingStorage {
  const fileOf = (key: string) => path.join(o.dir, checkKey(key));
  const sign = (key: string, expires: string) =>
    createHmac('sha256', o.secret).update(`${key}\n${expires}`).digest('base64url');
  const statFile = async (key: string) => {
    try {
      const s = await stat(fileOf(key));
      return s.isFile() ? { bytes: s.size } : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    kind: 'local',
    async put(key, file) {
      const target = fileOf(key);
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      // Copy next to the target, then rename: a reader never sees a half-written recording.
      const partial = `${target}.partial`;
      await copyFile(file, partial);
      await rename(partial, target);
      return { bytes: (await stat(target)).size };
    },
    downloadUrl: (key, ttlSeconds) =>
      Promise.resolve().then(() => {
        const expires = String(Math.floor(Date.now() / 1000) + ttlSeconds);
        const query = new URLSearchParams({ expires, sig: sign(checkKey(key), expires) });
        return `${o.basePath}/${encodeURIComponent(key)}?${query.toString()}`;
      }),
    verify(key, expires, sig) {
      if (!KEY.test(key) || !/^\d{1,12}$/.test(expires)) return false;
      if (Number(expires) < Date.now() / 1000) return false;
      const want = Buffer.from(sign(key, expires));
      const got = Buffer.from(sig);
      return got.length === want.length && timingSafeEqual(got, want);
    },
    async open(key) {
      const found = await statFile(key);
      return found && { stream: createReadStream(fileOf(key)), bytes: found.bytes };
    },
    stat: statFile,
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
  };
}

function isNotFound(error: unknown): boolean {
  return error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404;
}

/** `attachment` with a plain ASCII fallback name and the exact name in RFC 5987 form. */
function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

function s3Storage(o: S3RecordingStorageOptions): RecordingStorage {
  const client = new S3Client({
    region: o.region,
    endpoint: o.endpoint,
    forcePathStyle: o.forcePathStyle,
    credentials: o.credentials,
  });
  const Bucket = o.bucket;
  const statObject = async (key: string) => {
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket, Key: checkKey(key) }));
      return { bytes: head.ContentLength ?? 0 };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  };
  return {
    kind: 's3',
    async put(key, file, contentType) {
      const { size } = await stat(file);
      const upload = new Upload({
        client,
        params: {
          Bucket,
          Key: checkKey(key),
          Body: createReadStream(file),
          ContentType: contentType,
        },
        // Parts of 16 MiB, two at a time: memory stays bounded for hour-long recordings.
        partSize: 16 * 1024 * 1024,
        queueSize: 2,
      });
      await upload.done();
      return { bytes: size };
    },
    downloadUrl(key, ttlSeconds, filename) {
      const command = new GetObjectCommand({
        Bucket,
        Key: checkKey(key),
        ResponseContentDisposition: attachment(filename),
      });
      return getSignedUrl(client, command, { expiresIn: ttlSeconds });
    },
    verify: () => false,
    async open(key) {
      try {
        const got = await client.send(new GetObjectCommand({ Bucket, Key: checkKey(key) }));
        return { stream: got.Body as Readable, bytes: got.ContentLength ?? 0 };
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
    stat: statObject,
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: checkKey(key) }));
    },
  };
}
