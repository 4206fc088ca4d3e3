import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { KubeClients } from '../src/cli/context.js';
import { SignJWT, createLocalJWKSet, importJWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { runCli } from './harness/run-cli.js';
import { tempDir } from './backup-restore/fixtures.js';

type Data = Record<string, string>;

/** A fake of exactly the Secret and Deployment calls setup-secrets makes. */
function fakeKube(deployments = ['auth-service', 'meeting-service', 'livekit-sfu']) {
  const secrets = new Map<string, Data>();
  const restarted: string[] = [];
  const notFound = () => Object.assign(new Error('not found'), { code: 404 });
  const kube = {
    contextName: 'fake',
    core: {
      readNamespacedSecret: ({ name, namespace }: { name: string; namespace: string }) => {
        const data = secrets.get(`${namespace}/${name}`);
        return data ? Promise.resolve({ data }) : Promise.reject(notFound());
      },
      createNamespacedSecret: ({
        namespace,
        body,
      }: {
        namespace: string;
        body: { metadata: { name: string }; data: Data };
      }) => {
        secrets.set(`${namespace}/${body.metadata.name}`, body.data);
        return Promise.resolve(body);
      },
      replaceNamespacedSecret: ({
        name,
        namespace,
        body,
      }: {
        name: string;
        namespace: string;
        body: { data: Data };
      }) => {
        secrets.set(`${namespace}/${name}`, body.data);
        return Promise.resolve(body);
      },
    },
    apps: {
      patchNamespacedDeployment: ({ name }: { name: string }) => {
        if (!deployments.includes(name)) return Promise.reject(notFound());
        restarted.push(name);
        return Promise.resolve({});
      },
    },
  };
  const decoded = (key: string): Data =>
    Object.fromEntries(
      Object.entries(secrets.get(key) ?? {}).map(([k, v]) => [
        k,
        Buffer.from(v, 'base64').toString(),
      ]),
    );
  const allValues = () => [...secrets.keys()].flatMap((k) => Object.values(decoded(k)));
  return {
    kube: () => Promise.resolve(kube as unknown as KubeClients),
    secrets,
    restarted,
    decoded,
    allValues,
  };
}

interface Report {
  secrets: { name: string; action: string; keys: Record<string, string> }[];
  restarts: { deployment: string; status: string }[];
}

const cli = (fake: ReturnType<typeof fakeKube>, argv: string[]) =>
  runCli(['--format', 'json', '--namespace', 'gomeet', 'setup-secrets', ...argv], {
    kube: fake.kube,
  });

describe('setup-secrets with a fake Kubernetes API', () => {
  it('creates every secret once, shows only fingerprints, and reports unchanged on a re-run', async () => {
    const fake = fakeKube();
    const first = await cli(fake, []);
    expect(first.code, first.stderr).toBe(0);
    const names = first.json<Report>().secrets.map((s) => [s.name, s.action]);
    expect(names).toEqual([
      ['auth-jwt-keys', 'create'],
      ['turn-secret', 'create'],
      ['livekit-keys', 'create'],
      ['postgres-secret', 'create'],
      ['redis-secret', 'create'],
      ['backup-encryption-key', 'create'],
    ]);
    const jwks = JSON.parse(fake.decoded('gomeet/auth-jwt-keys').JWT_SIGNING_KEYS!) as {
      kty: string;
      crv: string;
      d: string;
      kid: string;
      alg: string;
    }[];
    expect(jwks).toHaveLength(1);
    expect(jwks[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    expect(
      Buffer.from(fake.decoded('gomeet/backup-encryption-key').BACKUP_ENCRYPTION_KEY!, 'base64'),
    ).toHaveLength(32);
    expect(fake.decoded('gomeet/livekit-keys')['keys.yaml']).toContain(
      fake.decoded('gomeet/livekit-keys').LIVEKIT_API_KEY,
    );

    const again = await cli(fake, []);
    expect(again.json<Report>().secrets.every((s) => s.action === 'unchanged')).toBe(true);
    for (const value of fake
      .allValues()
      .flatMap((v) => [v, ...v.split(/[",:{}[\]]/)])
      .filter((v) => v.length >= 16)) {
      expect(first.stdout + first.stderr + again.stdout + again.stderr).not.toContain(value);
    }
  });

  it('--database touches only postgres-secret and redis-secret', async () => {
    const fake = fakeKube();
    const result = await cli(fake, ['--database']);
    expect(result.json<Report>().secrets.map((s) => s.name)).toEqual([
      'postgres-secret',
      'redis-secret',
    ]);
    expect([...fake.secrets.keys()]).toEqual(['gomeet/postgres-secret', 'gomeet/redis-secret']);
  });

  it('--rotate keeps tokens signed with the old JWT key verifiable and restarts the readers', async () => {
    const fake = fakeKube();
    await cli(fake, []);
    const [oldJwk] = JSON.parse(fake.decoded('gomeet/auth-jwt-keys').JWT_SIGNING_KEYS!) as Record<
      string,
      string
    >[];
    const oldLiveKit = fake.decoded('gomeet/livekit-keys');
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'EdDSA', kid: oldJwk!.kid! })
      .setSubject('u1')
      .sign(await importJWK(oldJwk!, 'EdDSA'));

    const rotated = await cli(fake, ['--rotate']);
    expect(rotated.code, rotated.stderr).toBe(0);
    const report = rotated.json<Report>();
    expect(report.secrets.filter((s) => s.action === 'rotate').map((s) => s.name)).toEqual([
      'auth-jwt-keys',
      'livekit-keys',
    ]);
    const keys = JSON.parse(fake.decoded('gomeet/auth-jwt-keys').JWT_SIGNING_KEYS!) as Record<
      string,
      string
    >[];
    expect(keys.map((k) => k.kid)).toEqual([expect.not.stringMatching(oldJwk!.kid!), oldJwk!.kid]);
    const publicSet = createLocalJWKSet({ keys: keys.map(({ d: _d, ...pub }) => pub) });
    await expect(jwtVerify(token, publicSet)).resolves.toMatchObject({ payload: { sub: 'u1' } });

    const liveKit = fake.decoded('gomeet/livekit-keys');
    expect(liveKit.LIVEKIT_API_KEY).not.toBe(oldLiveKit.LIVEKIT_API_KEY);
    expect(liveKit['keys.yaml']).toContain(
      `${oldLiveKit.LIVEKIT_API_KEY}: ${oldLiveKit.LIVEKIT_API_SECRET}`,
    );
    expect(liveKit['keys.yaml']).toContain(
      `${liveKit.LIVEKIT_API_KEY}: ${liveKit.LIVEKIT_API_SECRET}`,
    );
    expect(fake.restarted).toEqual(['livekit-sfu', 'meeting-service', 'auth-service']);
    expect(report.restarts).toContainEqual({ deployment: 'chat-service', status: 'not-found' });

    await cli(fake, ['--rotate']);
    const third = JSON.parse(fake.decoded('gomeet/auth-jwt-keys').JWT_SIGNING_KEYS!) as Record<
      string,
      string
    >[];
    expect(third).toHaveLength(2);
    expect(third.map((k) => k.kid)).not.toContain(oldJwk!.kid);
  });

  it('--dry-run --rotate reports what would change and changes nothing', async () => {
    const fake = fakeKube();
    await cli(fake, []);
    const before = JSON.stringify([...fake.secrets]);
    const result = await cli(fake, ['--dry-run', '--rotate']);
    expect(result.code).toBe(0);
    expect(result.json<Report>().restarts.every((r) => r.status === 'would-restart')).toBe(true);
    expect(JSON.stringify([...fake.secrets])).toBe(before);
    expect(fake.restarted).toEqual([]);
  });

  it('without a cluster fails with one line and exit 3', async () => {
    const result = await runCli(['setup-secrets'], { env: { KUBECONFIG: '/nonexistent' } });
    expect(result.code).toBe(3);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining('--target local')]);
  });
});

describe('setup-secrets --target local', () => {
  it('writes .env with mode 0600 and refuses to overwrite it without --force', async () => {
    const cwd = tempDir();
    const first = await runCli(['--target', 'local', '--format', 'json', 'setup-secrets'], { cwd });
    expect(first.code, first.stderr).toBe(0);
    const file = `${cwd}/.env`;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const env = readFileSync(file, 'utf8');
    for (const name of [
      'JWT_SIGNING_KEYS',
      'TURN_SECRET',
      'LIVEKIT_API_KEY',
      'LIVEKIT_API_SECRET',
      'BACKUP_ENCRYPTION_KEY',
    ]) {
      expect(env).toMatch(new RegExp(`^${name}='.+'$`, 'm'));
    }
    const turn = /^TURN_SECRET='(.+)'$/m.exec(env)![1]!;
    expect(first.stdout + first.stderr).not.toContain(turn);

    const refused = await runCli(['--target', 'local', 'setup-secrets'], { cwd });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(file, 'utf8')).toBe(env);

    writeFileSync(file, 'OLD=1\n', { mode: 0o644 });
    const forced = await runCli(['--target', 'local', 'setup-secrets', '--force'], { cwd });
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('TURN_SECRET=');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(existsSync(file)).toBe(true);
  });
});
