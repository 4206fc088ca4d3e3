import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { EXIT, ExitError } from '../../cli/exit.js';

/** An object in the backups bucket. */
export interface SpacesObject {
  key: string;
  bytes: number;
  lastModified: Date;
}

/** The few bucket operations backups need. */
export interface BackupSpaces {
  bucket: string;
  list(prefix: string): Promise<SpacesObject[]>;
  upload(file: string, key: string): Promise<void>;
  download(key: string, file: string): Promise<void>;
  remove(key: string): Promise<void>;
}

function unreachable(error: unknown, bucket: string): ExitError {
  const e = error as { name?: string; message?: string };
  return new ExitError(
    EXIT.UNREACHABLE,
    `Spaces bucket ${bucket} unavailable (${e.name ?? 'Error'}: ${e.message ?? ''})`,
  );
}

/**
 * The Spaces (S3 API) bucket from SPACES_ENDPOINT, SPACES_BUCKET (default gomeet-backups),
 * SPACES_KEY, SPACES_SECRET, SPACES_REGION; undefined when Spaces is not configured.
 */
export function spacesFromEnv(env: NodeJS.ProcessEnv): BackupSpaces | undefined {
  if (!env.SPACES_ENDPOINT || !env.SPACES_KEY || !env.SPACES_SECRET) return undefined;
  const bucket = env.SPACES_BUCKET || 'gomeet-backups';
  const client = new S3Client({
    endpoint: env.SPACES_ENDPOINT,
    region: env.SPACES_REGION || 'us-east-1',
    forcePathStyle: true,
    // Spaces and other S3-compatible stores reject the SDK's default aws-chunked trailing
    // checksums (the object would be stored with the chunk framing in it).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    credentials: { accessKeyId: env.SPACES_KEY, secretAccessKey: env.SPACES_SECRET },
  });
  const call = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey') {
        throw new ExitError(EXIT.USAGE, `no such object in Spaces bucket ${bucket}`);
      }
      throw unreachable(error, bucket);
    }
  };
  return {
    bucket,
    list: (prefix) =>
      call(async () => {
        const objects: SpacesObject[] = [];
        let token: string | undefined;
        do {
          const page = await client.send(
            new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
          );
          for (const o of page.Contents ?? []) {
            if (o.Key)
              objects.push({
                key: o.Key,
                bytes: o.Size ?? 0,
                lastModified: o.LastModified ?? new Date(0),
              });
          }
          token = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (token);
        return objects;
      }),
    upload: (file, key) =>
      call(async () => {
        const { size } = await stat(file);
        await client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: createReadStream(file),
            ContentLength: size,
          }),
        );
      }),
    download: (key, file) =>
      call(async () => {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        await pipeline(object.Body as Readable, createWriteStream(file, { mode: 0o600 }));
      }),
    remove: (key) =>
      call(async () => {
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      }),
  };
}
