import { CreateBucketCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { EXIT, ExitError } from '../../cli/exit.js';

/** The two bucket calls setup-infrastructure makes through the Spaces (S3) API. */
export interface BucketApi {
  endpoint: string;
  exists(bucket: string): Promise<boolean>;
  create(bucket: string): Promise<void>;
}

/**
 * The Spaces API from SPACES_KEY and SPACES_SECRET, at SPACES_ENDPOINT or
 * https://<region>.digitaloceanspaces.com; undefined without keys (the DigitalOcean API token
 * cannot create buckets: Spaces speaks only the S3 API with its own keys).
 */
export function spacesBucketApi(env: NodeJS.ProcessEnv, region: string): BucketApi | undefined {
  if (!env.SPACES_KEY || !env.SPACES_SECRET) return undefined;
  const endpoint = env.SPACES_ENDPOINT || `https://${region}.digitaloceanspaces.com`;
  const client = new S3Client({
    endpoint,
    // Spaces takes us-east-1 as the signing region for every datacenter.
    region: env.SPACES_REGION || 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: env.SPACES_KEY, secretAccessKey: env.SPACES_SECRET },
  });
  const fail = (error: unknown, bucket: string) => {
    const e = error as { name?: string; message?: string };
    return new ExitError(
      EXIT.UNREACHABLE,
      `Spaces at ${endpoint} refused bucket ${bucket} (${e.name ?? 'Error'}: ${e.message ?? ''})`,
    );
  };
  return {
    endpoint,
    async exists(bucket) {
      try {
        await client.send(new HeadBucketCommand({ Bucket: bucket }));
        return true;
      } catch (error) {
        const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata
          ?.httpStatusCode;
        if (status === 404) return false;
        if (status === 403)
          throw new ExitError(
            EXIT.FAILED,
            `Spaces bucket ${bucket} exists but these SPACES_KEY credentials may not use it (bucket names are global: choose another with SPACES_BUCKET)`,
          );
        throw fail(error, bucket);
      }
    },
    async create(bucket) {
      try {
        await client.send(new CreateBucketCommand({ Bucket: bucket }));
      } catch (error) {
        throw fail(error, bucket);
      }
    },
  };
}
