import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startGoMeet, type RunningGoMeet } from '../src/index.js';

const livekitBin = fileURLToPath(new URL('../../../.bin/livekit-server', import.meta.url));
const haveLiveKit = existsSync(livekitBin);
if (process.env.CI === 'true' && !haveLiveKit)
  throw new Error('LiveKit is required in CI: run scripts/install-livekit.sh');

let dir: string;
let ca: Buffer;
let gomeet: RunningGoMeet;
let origin: string;

/** An HTTPS request that trusts only the test's own certificate. */
function call(method: string, url: string, body?: unknown, token?: string) {
  return new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        ca,
        headers: {
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => {
          let parsed: Record<string, unknown> = {};
          try {
            parsed = JSON.parse(text) as Record<string, unknown>;
          } catch {
            parsed = { text };
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

describe.skipIf(!haveLiveKit)('HTTPS with TLS_CERT and TLS_KEY', () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gomeet-tls-'));
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
    ], { stdio: 'ignore' }); // prettier-ignore
    ca = readFileSync(path.join(dir, 'cert.pem'));
    gomeet = await startGoMeet({
      logLevel: false,
      env: {
        TLS_CERT: path.join(dir, 'cert.pem'),
        TLS_KEY: path.join(dir, 'key.pem'),
        LIVEKIT_API_KEY: 'tlskey',
        LIVEKIT_API_SECRET: 'tls-secret-of-at-least-thirty-two-chars',
      },
    });
    origin = `https://127.0.0.1:${new URL(gomeet.url).port}`;
  });
  afterAll(async () => {
    await gomeet?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the API over HTTPS and hands out LiveKit under the same secure origin', async () => {
    expect(gomeet.url).toMatch(/^https:\/\/localhost:\d+$/);
    expect((await call('GET', `${origin}/readyz`)).status).toBe(200);
    const signup = await call('POST', `${origin}/api/auth/register`, {
      email: `tls-${Date.now()}@example.test`,
      password: 'correct horse battery',
      displayName: 'Tess',
    });
    const token = signup.body.accessToken as string;
    const created = await call('POST', `${origin}/api/meetings`, { title: 'TLS' }, token);
    const code = created.body.code as string;
    const joined = await call('POST', `${origin}/api/meetings/${code}/join`, {}, token);
    expect(joined.status).toBe(200);
    expect(joined.body.livekitUrl).toBe(origin.replace(/^https/, 'wss'));

    // LiveKit's signalling answers through the same origin: its token check over HTTPS…
    const lkToken = joined.body.token as string;
    const validate = await call('GET', `${origin}/rtc/validate?access_token=${lkToken}`);
    expect(validate.status).toBe(200);
    // …and its WebSocket, which sends the join response as its first message.
    const socket = new WebSocket(`${origin.replace(/^https/, 'wss')}/rtc?access_token=${lkToken}`, {
      ca,
    });
    const first = await new Promise<Buffer>((resolve, reject) => {
      socket.once('message', (data: Buffer) => resolve(data));
      socket.once('error', reject);
      setTimeout(() => reject(new Error('no message from LiveKit through /rtc')), 10_000);
    });
    expect(first.length).toBeGreaterThan(0);
    socket.close();
  });

  it('still carries the realtime socket (/ws) through the HTTPS front', async () => {
    const socket = new WebSocket(`${origin.replace(/^https/, 'wss')}/ws`, { ca });
    const outcome = await new Promise<string>((resolve) => {
      socket.once('open', () => resolve('open'));
      socket.once('unexpected-response', (_req, res) => resolve(`http ${res.statusCode}`));
      socket.once('error', (e) => resolve(`error ${e.message}`));
    });
    socket.terminate();
    expect(outcome).toBe('open');
  });
});
