import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';

/** A fresh 32-byte backup key, base64. */
export const newKey = () => randomBytes(32).toString('base64');

/** A private temp folder for one test. */
export const tempDir = () => mkdtempSync(path.join(tmpdir(), 'gomeet-ops-test-'));

/** Runs SQL against a database URL. */
export async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

/** users, meetings and chat rows, as a small GoMeet would hold them. */
export async function seedDatabase(url: string): Promise<void> {
  await sql(
    url,
    `create table users (id uuid primary key default gen_random_uuid(), email text unique not null, name text not null);
     create table meetings (id serial primary key, host uuid references users(id), title text, starts_at timestamptz);
     create table chat (id bigserial primary key, meeting int references meetings(id), body text, sent_at timestamptz default now());
     insert into users (email, name) select 'user' || g || '@example.test', 'User ' || g from generate_series(1, 200) g;
     insert into meetings (host, title, starts_at) select id, 'Meeting of ' || name, now() + interval '1 day' from users;
     insert into chat (meeting, body) select (g % 200) + 1, 'message ' || g || ' ✓ ünïcode' from generate_series(1, 3000) g;`,
  );
}

/** Row count and an order-independent checksum of every row, per table. */
export async function tableDigests(url: string): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const table of ['users', 'meetings', 'chat']) {
    const [row] = await sql<{ n: string; digest: string }>(
      url,
      `select count(*) as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from ${table} t`,
    );
    digests[table] = `${row?.n}:${row?.digest}`;
  }
  return digests;
}

/** Drops the seeded tables. */
export const wipeDatabase = (url: string) => sql(url, 'drop table chat, meetings, users');

/** Sessions, presence and a counter with TTLs, plus a binary value. */
export async function seedRedis(url: string): Promise<void> {
  const redis = new Redis(url);
  await redis.set('session:1', 'alice', 'EX', 3600);
  await redis.hset('presence:meeting:1', { alice: 'online', bob: 'away' });
  await redis.rpush('queue:chat', 'a', 'b', 'c');
  await redis.zadd('hands:meeting:1', 1, 'alice', 2, 'bob');
  await redis.set(Buffer.from([0xff, 0x00, 0x01]), Buffer.from([0x00, 0xfe, 0x80]));
  await redis.incrby('counter', 42);
  redis.disconnect();
}

/** Every key with its type, DUMP value (hex) and whether it has a TTL. */
export async function redisSnapshot(url: string): Promise<Record<string, string>> {
  const redis = new Redis(url);
  const snapshot: Record<string, string> = {};
  for (const key of await redis.keysBuffer('*')) {
    const value = await redis.dumpBuffer(key);
    const ttl = await redis.pttl(key);
    snapshot[key.toString('hex')] = `${value.toString('hex')}:${ttl > 0 ? 'ttl' : 'none'}`;
  }
  redis.disconnect();
  return snapshot;
}
