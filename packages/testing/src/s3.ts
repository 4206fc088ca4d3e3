import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { freePort } from '@gomeet/platform';
import { stopChild } from './servers.js';

const installScript = fileURLToPath(
  new URL('../../../scripts/install-seaweedfs.sh', import.meta.url),
);

/** A throwaway SeaweedFS S3 gateway on loopback. */
export interface S3Server {
  /** http://127.0.0.1:<port>, for clients with path-style addressing. */
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** SeaweedFS's PID, so a test can tell it from other processes. */
  pid: number;
  /** Creates a bucket with the server's credentials. */
  createBucket(name: string): Promise<void>;
  /** Stops the server by its PID and removes its data. */
  stop(): Promise<void>;
}

/**
 * Where scripts/install-seaweedfs.sh puts the `weed` binary (SEAWEEDFS_BIN overrides), or why it
 * is not there.
 */
export function seaweedfsBinary(): { path: string } | { missing: string } {
  const given = process.env.SEAWEEDFS_BIN;
  if (given)
    return existsSync(given)
      ? { path: given }
      : { missing: `SEAWEEDFS_BIN=${given} does not exist` };
  const r = spawnSync('bash', [installScript, '--path'], { encoding: 'utf8' });
  const bin = r.stdout.trim();
  if (r.status === 0 && existsSync(bin)) return { path: bin };
  return { missing: 'SeaweedFS is not built (bash scripts/install-seaweedfs.sh, needs Go)' };
}

async function waitForS3(endpoint: string, exited: () => boolean, log: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`SeaweedFS exited before it was ready:\n${log().slice(-2000)}`);
    try {
      // Any HTTP answer means the S3 gateway is up; until the filer is ready it refuses the port.
      const res = await fetch(endpoint, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`SeaweedFS's S3 gateway did not answer within 60 s:\n${log().slice(-2000)}`);
}

/**
 * Starts SeaweedFS (master, volume, filer and S3 gateway in one process) on free loopback
 * ports with its data in a temp dir, and waits until the S3 endpoint answers. Throws when the
 * binary is missing, so a test with CI=true fails instead of skipping.
 */
export async function startS3Server(
  options: {
    buckets?: string[];
    /** Refuse requests not signed with the returned key (default: any credentials pass). */
    requireCredentials?: boolean;
  } = {},
): Promise<S3Server> {
  const bin = seaweedfsBinary();
  if ('missing' in bin) throw new Error(bin.missing);
  const dir = mkdtempSync(path.join(tmpdir(), 'gomeet-s3-'));
  // gRPC ports are given too: by default SeaweedFS takes port + 10000, which may be taken or > 65535.
  const ports: number[] = [];
  while (ports.length < 8) {
    const p = await freePort();
    if (!ports.includes(p)) ports.push(p);
  }
  const [master, masterGrpc, volume, volumeGrpc, filer, filerGrpc, s3, s3Grpc] = ports;
  const credentials = { accessKeyId: 'gomeet-test', secretAccessKey: 'gomeet-test-secret' };
  const identities = path.join(dir, 's3.json');
  writeFileSync(
    identities,
    JSON.stringify({
      identities: [
        {
          name: 'gomeet-test',
          credentials: [
            { accessKey: credentials.accessKeyId, secretKey: credentials.secretAccessKey },
          ],
          actions: ['Admin', 'Read', 'Write', 'List', 'Tagging'],
        },
      ],
    }),
  );
  const child = spawn(
    bin.path,
    [
      'server',
      `-dir=${dir}`,
      '-ip=127.0.0.1',
      '-ip.bind=127.0.0.1',
      `-master.port=${master}`,
      `-master.port.grpc=${masterGrpc}`,
      `-volume.port=${volume}`,
      `-volume.port.grpc=${volumeGrpc}`,
      '-filer',
      `-filer.port=${filer}`,
      `-filer.port.grpc=${filerGrpc}`,
      '-s3',
      `-s3.port=${s3}`,
      `-s3.port.grpc=${s3Grpc}`,
      // Catalog servers on fixed default ports would clash between parallel test servers.
      '-s3.port.iceberg=0',
      '-s3.port.lance=0',
      ...(options.requireCredentials ? [`-s3.config=${identities}`] : []),
      '-master.volumeSizeLimitMB=64',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
  child.stderr.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
  const endpoint = `http://127.0.0.1:${s3}`;
  const stop = async () => {
    await stopChild(child, 5_000);
    rmSync(dir, { recursive: true, force: true });
  };
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
  const createBucket = async (name: string) => {
    await client.send(new CreateBucketCommand({ Bucket: name }));
  };
  try {
    await waitForS3(
      endpoint,
      () => child.exitCode !== null,
      () => log,
    );
    for (const name of options.buckets ?? []) await createBucket(name);
  } catch (error) {
    client.destroy();
    await stop();
    throw error;
  }
  return {
    endpoint,
    region: 'us-east-1',
    ...credentials,
    pid: child.pid!,
    createBucket,
    stop: async () => {
      client.destroy();
      await stop();
    },
  };
}
