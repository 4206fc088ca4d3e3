import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { EXIT, ExitError } from '../../cli/exit.js';
import { safeUrl } from '@gomeet/platform/helpers';

/**
 * Redis is backed up key by key with DUMP + PTTL and restored with RESTORE (same value
 * encoding, exact bytes, remaining TTL), which works against a running server without
 * touching its data directory. File format: repeated records of
 *   key length (u32 BE) | key | ttl ms (i64 BE, 0 = none) | value length (u32 BE) | DUMP value
 */
async function connect(url: string): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 5_000,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new ExitError(
      EXIT.UNREACHABLE,
      `Redis at ${safeUrl(url)} unreachable (${(error as Error).message})`,
    );
  }
  return redis;
}

/** How many keys the selected Redis database holds. */
export async function countKeys(url: string): Promise<number> {
  const redis = await connect(url);
  try {
    return await redis.dbsize();
  } finally {
    redis.disconnect();
  }
}

function record(key: Buffer, ttl: number, value: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(key.length);
  const mid = Buffer.alloc(12);
  mid.writeBigInt64BE(BigInt(Math.max(ttl, 0)));
  mid.writeUInt32BE(value.length, 8);
  return Buffer.concat([head, key, mid, value]);
}

/** Writes every key of the URL's database into `file`; returns the number of keys. */
export async function dumpRedis(url: string, file: string): Promise<number> {
  const redis = await connect(url);
  const out = createWriteStream(file, { mode: 0o600 });
  let count = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scanBuffer(cursor, 'COUNT', 1000);
      cursor = next.toString();
      const batch = redis.pipeline();
      for (const key of keys) batch.dumpBuffer(key).pttl(key);
      const replies = (await batch.exec()) ?? [];
      for (const [i, key] of keys.entries()) {
        const value = replies[2 * i]?.[1] as Buffer | null;
        const ttl = replies[2 * i + 1]?.[1] as number;
        if (!value || ttl === -2) continue; // expired between SCAN and DUMP
        if (!out.write(record(key, ttl, value))) await once(out, 'drain');
        count += 1;
      }
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
    out.end();
    await once(out, 'close');
  }
  return count;
}

async function* readRecords(file: string): AsyncGenerator<[Buffer, number, Buffer]> {
  let buf: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      if (buf.length < 4) break;
      const keyLength = buf.readUInt32BE(0);
      if (buf.length < 4 + keyLength + 12) break;
      const valueLength = buf.readUInt32BE(4 + keyLength + 8);
      const end = 4 + keyLength + 12 + valueLength;
      if (buf.length < end) break;
      const key = buf.subarray(4, 4 + keyLength);
      const ttl = Number(buf.readBigInt64BE(4 + keyLength));
      yield [key, ttl, buf.subarray(4 + keyLength + 12, end)];
      buf = buf.subarray(end);
    }
  }
  if (buf.length > 0) throw new Error('redis part of the backup ends mid-record');
}

/**
 * Restores every key of `file` into the URL's database. With `flush`, the database is
 * emptied first so it ends up exactly as backed up; returns the number of keys.
 */
export async function restoreRedis(url: string, file: string, flush: boolean): Promise<number> {
  const redis = await connect(url);
  let count = 0;
  try {
    if (flush) await redis.flushdb();
    let batch = redis.pipeline();
    for await (const [key, ttl, value] of readRecords(file)) {
      batch.restore(key, ttl, value, 'REPLACE');
      count += 1;
      if (count % 500 === 0) {
        await execOrThrow(batch);
        batch = redis.pipeline();
      }
    }
    await execOrThrow(batch);
  } finally {
    redis.disconnect();
  }
  return count;
}

async function execOrThrow(batch: ReturnType<Redis['pipeline']>): Promise<void> {
  const failed = ((await batch.exec()) ?? []).find(([error]) => error);
  if (failed?.[0]) throw new Error(`Redis RESTORE failed: ${failed[0].message}`);
}
