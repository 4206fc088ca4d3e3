import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tlsChecks } from '../../src/commands/health-check/checks/tls-certificate.js';
import type { CheckContext } from '../../src/commands/health-check/check-context.js';
import { selfSigned, serveTls } from './tls-fixtures.js';

describe('health-check TLS certificate check against a local TLS server (real handshake)', () => {
  let dir: string;
  let fiveDays: ReturnType<typeof selfSigned>;
  let served: Awaited<ReturnType<typeof serveTls>>;
  const ctx = (extra: Partial<CheckContext>): CheckContext => ({
    target: 'local',
    namespace: 'gomeet',
    env: {},
    fetch,
    now: () => new Date(),
    timeoutMs: 3000,
    ...extra,
  });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gomeet-ops-tls-'));
    fiveDays = selfSigned(dir, 5);
    served = await serveTls(fiveDays.cert, fiveDays.key);
  });
  afterAll(() => {
    served?.server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('warns when a trusted certificate expires in five days', async () => {
    const [check] = await tlsChecks(ctx({ host: served.host, ca: fiveDays.cert }));
    expect(check).toMatchObject({ name: 'tls-certificate', status: 'warn', threshold: 14 });
    expect(check?.value).toBeGreaterThanOrEqual(4);
    expect(check?.value).toBeLessThanOrEqual(5);
  });

  it('reports a self-signed certificate as untrusted when its CA is not given', async () => {
    const [check] = await tlsChecks(ctx({ host: served.host }));
    expect(check?.status).toBe('fail');
    expect(check?.message).toMatch(/not trusted \(.*SELF_SIGNED.*\).*--ca/i);
  });

  it('fails once the certificate has expired', async () => {
    const inSixDays = new Date(Date.now() + 6 * 86_400_000);
    const [check] = await tlsChecks(
      ctx({ host: served.host, ca: fiveDays.cert, now: () => inSixDays }),
    );
    expect(check?.status).toBe('fail');
    expect(check?.message).toContain('expired');
  });

  it('fails when the name does not match the certificate', async () => {
    // 127.0.0.2 is loopback too, but the certificate names only localhost and 127.0.0.1.
    const other = await serveTls(fiveDays.cert, fiveDays.key, '127.0.0.2');
    try {
      const [check] = await tlsChecks(ctx({ host: other.host, ca: fiveDays.cert }));
      expect(check?.status).toBe('fail');
      expect(check?.message).toMatch(/127\.0\.0\.2 is not in the cert/);
    } finally {
      other.server.close();
    }
  });

  it('passes for a trusted certificate valid for a year', async () => {
    const year = selfSigned(dir, 365);
    const server = await serveTls(year.cert, year.key);
    try {
      const [check] = await tlsChecks(ctx({ host: server.host, ca: year.cert }));
      expect(check).toMatchObject({ status: 'pass' });
    } finally {
      server.server.close();
    }
  });

  it('is skipped when no public host is configured', async () => {
    expect((await tlsChecks(ctx({})))[0]?.status).toBe('skip');
  });
});
