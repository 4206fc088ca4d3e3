import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { KubeCluster } from '@gomeet/testing';
import { SignJWT, createLocalJWKSet, importJWK, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_NAMES } from '../src/commands/setup-secrets/plan.js';
import {
  controlPlaneAvailable,
  getJson,
  kubectlOk,
  runLine,
  startProductionCluster,
} from './harness/production-cluster.js';
import { runCli } from './harness/run-cli.js';
import { tempDir } from './backup-restore/fixtures.js';

const ready = controlPlaneAvailable('setup-secrets against a real control plane');

interface Report {
  secrets: { name: string; namespace: string; action: string }[];
  restarts: { deployment: string; status: string }[];
  notes: string[];
}

const SCRIPT = './deployment/digitalocean/setup-secrets.sh';
// What setup-infrastructure hands over for DigitalOcean's managed databases (not reachable: only
// written into Secrets here).
const MANAGED = {
  DATABASE_URL:
    'postgres://doadmin:pg-Secret-Value-1234567@gomeet-db-do-user-1-0.db.ondigitalocean.com:25060/defaultdb?sslmode=require',
  REDIS_URL:
    'rediss://default:redis-Secret-Value-7654321@gomeet-redis-do-user-1-0.db.ondigitalocean.com:25061',
  DIGITALOCEAN_TOKEN: 'dop_v1_0123456789abcdef0123456789abcdef',
};

describe.skipIf(!ready)('setup-secrets against a real control plane (production manifests)', () => {
  let cluster: KubeCluster;
  beforeAll(async () => {
    cluster = await startProductionCluster({ wait: false });
  }, 180_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  const secret = async (name: string, namespace = 'gomeet'): Promise<Record<string, string>> => {
    const s = await getJson<{ data: Record<string, string> }>(cluster, [
      'secret',
      name,
      '-n',
      namespace,
    ]);
    return Object.fromEntries(
      Object.entries(s.data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]),
    );
  };
  const allValues = async () => {
    const values: string[] = [];
    for (const name of SECRET_NAMES) values.push(...Object.values(await secret(name)));
    values.push(...Object.values(await secret('digitalocean-dns', 'cert-manager')));
    return values
      .flatMap((v) => [v, ...v.split(/[",:{}[\]@/?]/)]) // Host names are shown on purpose (`DATABASE_URL from env DATABASE_URL (host …)`).
      .filter((v) => v.length >= 16 && !v.endsWith('.db.ondigitalocean.com'));
  };

  it('./deployment/digitalocean/setup-secrets.sh creates every Secret from the managed URLs and DIGITALOCEAN_TOKEN, then keeps them', async () => {
    const first = await runLine(cluster, [SCRIPT], MANAGED);
    expect(first.code, first.stderr).toBe(0);
    const lines = first.stdout.split('\n');
    for (const name of SECRET_NAMES) expect(lines).toContain(`${name}: created`);
    expect(lines).toContain('digitalocean-dns (namespace cert-manager): created');
    expect(lines).toContain('note: created namespace cert-manager');
    expect(first.stdout).toContain(
      'note: postgres-secret: DATABASE_URL from env DATABASE_URL (host gomeet-db-do-user-1-0.db.ondigitalocean.com:25060)',
    );
    expect(first.stdout).not.toContain('warning');

    expect(await secret('postgres-secret')).toEqual({
      DATABASE_URL: MANAGED.DATABASE_URL,
      POSTGRES_USER: 'doadmin',
      POSTGRES_PASSWORD: 'pg-Secret-Value-1234567',
      POSTGRES_DB: 'defaultdb',
    });
    expect(await secret('redis-secret')).toEqual({
      REDIS_URL: MANAGED.REDIS_URL,
      REDIS_PASSWORD: 'redis-Secret-Value-7654321',
    });
    expect(await secret('digitalocean-dns', 'cert-manager')).toEqual({
      'access-token': MANAGED.DIGITALOCEAN_TOKEN,
    });
    const [jwk] = JSON.parse((await secret('auth-jwt-keys')).JWT_SIGNING_KEYS!) as Record<
      string,
      string
    >[];
    expect(jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    expect(
      Buffer.from((await secret('backup-encryption-key')).BACKUP_ENCRYPTION_KEY!, 'base64'),
    ).toHaveLength(32);

    const again = await runLine(cluster, [SCRIPT], MANAGED);
    expect(again.code, again.stderr).toBe(0);
    for (const name of [...SECRET_NAMES, 'digitalocean-dns (namespace cert-manager)'])
      expect(again.stdout.split('\n')).toContain(`${name}: unchanged`);
    const printed = first.stdout + first.stderr + again.stdout + again.stderr;
    for (const value of await allValues()) expect(printed).not.toContain(value);
  }, 60_000);

  it('kubectl delete secret postgres-secret + setup-secrets.sh --database: the in-cluster default without a managed URL, said so; no token, no DNS Secret touched', async () => {
    await kubectlOk(cluster, ['delete', 'secret', 'postgres-secret', '-n', 'gomeet']);
    const r = await runLine(cluster, [SCRIPT, '--database']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n').filter((l) => /^\S+: /.test(l) && !l.startsWith('note'))).toEqual([
      'postgres-secret: created',
      'redis-secret: unchanged',
    ]);
    expect(r.stdout).toContain(
      'note: postgres-secret: no DATABASE_URL or --database-url, so an in-cluster URL (postgres-primary:5432)',
    );
    const pg = await secret('postgres-secret');
    expect(new URL(pg.DATABASE_URL!).host).toBe('postgres-primary:5432');
    expect(r.stdout).not.toContain(pg.POSTGRES_PASSWORD!);
  }, 60_000);

  it('--database-url replaces a changed URL, warns about a managed port without sslmode, and restarts the readers', async () => {
    const url =
      'postgres://doadmin:pg-Rotated-Value-99887766@gomeet-db-do-user-1-0.db.ondigitalocean.com:25060/defaultdb';
    const r = await runLine(
      cluster,
      [SCRIPT, '--format', 'json', '--database', '--database-url', url],
      MANAGED,
    );
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.secrets.map((s) => [s.name, s.action])).toEqual([
      ['postgres-secret', 'update'],
      ['redis-secret', 'unchanged'],
    ]);
    expect(report.notes).toContain(
      'warning: --database-url has no sslmode: DigitalOcean managed PostgreSQL (port 25060) needs sslmode=require',
    );
    expect(
      report.restarts.filter((x) => x.status === 'restarted').map((x) => x.deployment),
    ).toEqual(['auth-service', 'meeting-service', 'signaling-service', 'chat-service']);
    expect((await secret('postgres-secret')).DATABASE_URL).toBe(url);
    expect(r.stdout).not.toContain('pg-Rotated-Value');
  }, 60_000);

  it('setup-secrets.sh --rotate keeps old tokens verifiable, keeps both LiveKit pairs, and rolls each reader to a new ReplicaSet', async () => {
    const [oldJwk] = JSON.parse((await secret('auth-jwt-keys')).JWT_SIGNING_KEYS!) as Record<
      string,
      string
    >[];
    const oldLiveKit = await secret('livekit-keys');
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'EdDSA', kid: oldJwk!.kid! })
      .setSubject('u1')
      .sign(await importJWK(oldJwk!, 'EdDSA'));

    const dry = await runLine(cluster, [SCRIPT, '--dry-run', '--rotate']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('auth-jwt-keys: would rotate');
    expect(dry.stdout).toContain('deployment/livekit-sfu: would restart');
    expect((await secret('livekit-keys')).LIVEKIT_API_KEY).toBe(oldLiveKit.LIVEKIT_API_KEY);

    const rotated = await runLine(cluster, [SCRIPT, '--rotate']);
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.stdout).toContain(
      'note: digitalocean-dns (namespace cert-manager) skipped: DIGITALOCEAN_TOKEN is not set',
    );
    expect(rotated.stdout.split('\n').filter((l) => l.startsWith('deployment/'))).toEqual([
      'deployment/livekit-sfu: restarted',
      'deployment/meeting-service: restarted',
      'deployment/signaling-service: restarted',
      'deployment/recorder: restarted',
      'deployment/auth-service: restarted',
      'deployment/chat-service: restarted',
    ]);
    const keys = JSON.parse((await secret('auth-jwt-keys')).JWT_SIGNING_KEYS!) as Record<
      string,
      string
    >[];
    expect(keys.map((k) => k.kid)).toEqual([expect.not.stringMatching(oldJwk!.kid!), oldJwk!.kid]);
    const publicSet = createLocalJWKSet({ keys: keys.map(({ d: _d, ...pub }) => pub) });
    await expect(jwtVerify(token, publicSet)).resolves.toMatchObject({ payload: { sub: 'u1' } });
    const liveKit = await secret('livekit-keys');
    expect(liveKit.LIVEKIT_API_KEY).not.toBe(oldLiveKit.LIVEKIT_API_KEY);
    expect(liveKit['keys.yaml']).toContain(
      `${oldLiveKit.LIVEKIT_API_KEY}: ${oldLiveKit.LIVEKIT_API_SECRET}`,
    );
    expect(liveKit['keys.yaml']).toContain(
      `${liveKit.LIVEKIT_API_KEY}: ${liveKit.LIVEKIT_API_SECRET}`,
    );

    // The deployment controller answers the restartedAt annotation with a new ReplicaSet.
    interface RsList {
      items: { spec: { template: { metadata: { annotations?: Record<string, string> } } } }[];
    }
    const deployment = await getJson<{
      spec: { template: { metadata: { annotations?: Record<string, string> } } };
    }>(cluster, ['deployment', 'livekit-sfu', '-n', 'gomeet']);
    const restartedAt =
      deployment.spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'];
    expect(restartedAt).toBeDefined();
    for (const app of ['livekit-sfu', 'auth-service']) {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const rs = await getJson<RsList>(cluster, [
          'replicasets',
          '-n',
          'gomeet',
          '-l',
          `app=${app}`,
        ]);
        const fresh = rs.items.filter(
          (r) =>
            r.spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'] ===
            restartedAt,
        );
        if (fresh.length === 1 && rs.items.length >= 2) break;
        if (Date.now() > deadline) throw new Error(`no new ReplicaSet for ${app}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
    expect(rotated.stdout + rotated.stderr).not.toContain(liveKit.LIVEKIT_API_SECRET!);
  }, 90_000);

  it('SMTP_URL and OIDC_PROVIDERS go into smtp-secret and auth-oidc only when given, never printed, and restart their readers', async () => {
    const SMTP_URL = 'smtps://gomeet%40example.com:smtp-Secret-Value-314159@smtp.example.com:465';
    const OIDC_PROVIDERS = JSON.stringify([
      {
        id: 'corp',
        name: 'Corp Login',
        issuer: 'https://login.example.com/realms/staff',
        clientId: 'gomeet',
        clientSecret: 'oidc-Client-Secret-271828',
      },
    ]);
    const names = (report: Report) => report.secrets.map((s) => s.name);

    const none = await runLine(cluster, [SCRIPT, '--format', 'json', '--dry-run']);
    expect(none.code, none.stderr).toBe(0);
    expect(names(JSON.parse(none.stdout) as Report)).not.toContain('smtp-secret');
    expect(names(JSON.parse(none.stdout) as Report)).not.toContain('auth-oidc');

    const bad = await runLine(cluster, [SCRIPT], {
      OIDC_PROVIDERS: '[{"id":"corp","clientSecret":"bad-Secret-Value-55555"}]',
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('provider 1 lacks name, issuer, clientId');
    expect(bad.stdout + bad.stderr).not.toContain('bad-Secret-Value');
    const badSmtp = await runLine(cluster, [SCRIPT, '--smtp-url', 'http://u:pw-Secret-Value-1@x']);
    expect(badSmtp.code).toBe(2);
    expect(badSmtp.stderr).toContain('--smtp-url must start with smtp:// or smtps://');
    expect(badSmtp.stdout + badSmtp.stderr).not.toContain('pw-Secret-Value');

    const r = await runLine(cluster, [SCRIPT, '--format', 'json'], { SMTP_URL, OIDC_PROVIDERS });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(
      report.secrets.filter((s) => s.action !== 'unchanged').map((s) => [s.name, s.action]),
    ).toEqual([
      ['smtp-secret', 'create'],
      ['auth-oidc', 'create'],
    ]);
    expect(report.notes).toEqual(
      expect.arrayContaining([
        'smtp-secret: SMTP_URL from env SMTP_URL (host smtp.example.com:465)',
        'auth-oidc: OIDC_PROVIDERS from env OIDC_PROVIDERS (providers corp)',
      ]),
    );
    // The pods read the optional Secrets when they start: the new ones need a restart.
    expect(report.restarts).toEqual([
      { deployment: 'auth-service', status: 'restarted' },
      { deployment: 'meeting-service', status: 'restarted' },
    ]);
    expect(await secret('smtp-secret')).toEqual({ SMTP_URL });
    expect(await secret('auth-oidc')).toEqual({ OIDC_PROVIDERS });
    expect(r.stdout + r.stderr).not.toContain('smtp-Secret-Value');
    expect(r.stdout + r.stderr).not.toContain('oidc-Client-Secret');

    // A run without them keeps them; a new SMTP_URL replaces the old and restarts its readers.
    const kept = await runLine(cluster, [SCRIPT]);
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stdout.split('\n')).toEqual(
      expect.arrayContaining(['smtp-secret: unchanged', 'auth-oidc: unchanged']),
    );
    expect(kept.stdout).not.toContain('deployment/');
    const next = 'smtp://gomeet:smtp-Other-Value-161803@mail.example.net:587';
    const changed = await runLine(cluster, [SCRIPT, '--smtp-url', next]);
    expect(changed.code, changed.stderr).toBe(0);
    expect(changed.stdout.split('\n')).toEqual(
      expect.arrayContaining([
        'smtp-secret: updated',
        'auth-oidc: unchanged',
        'deployment/auth-service: restarted',
        'deployment/meeting-service: restarted',
      ]),
    );
    expect(await secret('smtp-secret')).toEqual({ SMTP_URL: next });
    expect(changed.stdout + changed.stderr).not.toContain('smtp-Other-Value');
  }, 90_000);

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
