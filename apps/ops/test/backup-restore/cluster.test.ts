import { readdirSync } from 'node:fs';
import { createEmptyDatabase, startRedis, type KubeCluster } from '@gomeet/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  controlPlaneAvailable,
  getJson,
  kubectlOk,
  runLine,
  startProductionCluster,
} from '../harness/production-cluster.js';
import { newKey, seedDatabase, seedRedis, tableDigests, tempDir } from './fixtures.js';

const postgresUrl = inject('postgresUrl');
const ready = controlPlaneAvailable('backup-restore against a real control plane');
const BACKUP = './deployment/digitalocean/backup-restore.sh';

interface Named {
  items: { metadata: { name: string } }[];
}
const names = (l: Named) => l.items.map((i) => i.metadata.name).sort();

describe.skipIf(!ready || !postgresUrl)(
  'backup-restore of the namespace configuration against a real control plane, and the DR test into gomeet-dr-test',
  () => {
    let cluster: KubeCluster;
    let redis: Awaited<ReturnType<typeof startRedis>>;
    let sourceDb: string;
    let env: NodeJS.ProcessEnv;
    let backupName: string;

    beforeAll(async () => {
      [cluster, redis, sourceDb] = await Promise.all([
        startProductionCluster(),
        startRedis(),
        createEmptyDatabase(postgresUrl!),
      ]);
      await seedDatabase(sourceDb);
      await seedRedis(`${redis.url}/1`);
      env = { BACKUP_DIR: tempDir(), BACKUP_ENCRYPTION_KEY: newKey() };
      // The managed database and Redis of the source namespace, as setup-secrets writes them.
      const secrets = await runLine(cluster, ['./deployment/digitalocean/setup-secrets.sh'], {
        DATABASE_URL: sourceDb,
        REDIS_URL: `${redis.url}/1`,
      });
      if (secrets.code !== 0) throw new Error(`setup-secrets failed: ${secrets.stderr}`);
    }, 240_000);
    afterAll(async () => {
      await Promise.all([cluster?.stop(), redis?.stop()]);
    });

    it('backup-restore.sh backup dumps PostgreSQL, Redis and every kind of the namespace configuration', async () => {
      const r = await runLine(cluster, [BACKUP, 'backup'], env);
      expect(r.code, r.stderr).toBe(0);
      const [head, ...parts] = r.stdout.trim().split('\n');
      backupName = head!.split(/\s+/)[0]!;
      expect(backupName).toMatch(/^backup-\d{8}-\d{6}\.tar\.gz$/);
      expect(readdirSync(env.BACKUP_DIR!)).toEqual([backupName]);
      expect(parts.map((p) => p.trim().split(/\s+/)[0])).toEqual([
        'postgres.dump',
        'redis.dump',
        'kubernetes-serviceaccounts.json',
        'kubernetes-configmaps.json',
        'kubernetes-secrets.json',
        'kubernetes-services.json',
        'kubernetes-deployments.json',
        'kubernetes-daemonsets.json',
        'kubernetes-networkpolicies.json',
        'kubernetes-ingresses.json',
        'kubernetes-hpas.json',
        'kubernetes-pdbs.json',
        'kubernetes-ingressroutes.json',
        'kubernetes-middlewares.json',
        'kubernetes-tlsoptions.json',
        'kubernetes-certificates.json',
        'kubernetes-analysistemplates.json',
        'kubernetes-rollouts.json',
      ]);
    }, 60_000);

    it('the DR test: restore into gomeet-dr-test gives the same configuration and data, and health-check.sh --namespace gomeet-dr-test check reads it', async () => {
      expect(backupName).toBeDefined();
      await kubectlOk(cluster, ['create', 'namespace', 'gomeet-dr-test']);
      const drDb = await createEmptyDatabase(postgresUrl!);
      // The DR namespace gets its own (empty) database and Redis, as setup-secrets writes them.
      const secrets = await runLine(
        cluster,
        [
          './deployment/digitalocean/setup-secrets.sh',
          '--namespace',
          'gomeet-dr-test',
          '--database',
        ],
        { DATABASE_URL: drDb, REDIS_URL: `${redis.url}/2` },
      );
      expect(secrets.code, secrets.stderr).toBe(0);

      const r = await runLine(
        cluster,
        [BACKUP, '--namespace', 'gomeet-dr-test', 'restore', backupName],
        env,
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(
        new RegExp(
          `^${backupName}: restored PostgreSQL, 6 Redis keys, \\d+ Kubernetes objects in gomeet-dr-test\\n`,
        ),
      );
      expect(await tableDigests(drDb)).toEqual(await tableDigests(sourceDb));

      for (const kind of [
        'deployments',
        'daemonsets',
        'services',
        'configmaps',
        'hpa',
        'pdb',
        'networkpolicies',
        'rollouts',
        'ingressroutes',
        'serviceaccounts',
      ]) {
        const [source, restored] = await Promise.all([
          getJson<Named>(cluster, [kind, '-n', 'gomeet']),
          getJson<Named>(cluster, [kind, '-n', 'gomeet-dr-test']),
        ]);
        expect(names(restored), kind).toEqual(names(source));
      }
      const secret = async (ns: string, name: string) =>
        (await getJson<{ data: Record<string, string> }>(cluster, ['secret', name, '-n', ns])).data;
      expect(await secret('gomeet-dr-test', 'auth-jwt-keys')).toEqual(
        await secret('gomeet', 'auth-jwt-keys'),
      );
      // The DR namespace keeps its own database credentials.
      expect(
        Buffer.from(
          (await secret('gomeet-dr-test', 'postgres-secret')).DATABASE_URL!,
          'base64',
        ).toString(),
      ).toBe(drDb);
      // A LoadBalancer Service got node ports of its own next to the source's.
      const ports = async (ns: string) =>
        (
          await getJson<{ spec: { ports: { nodePort: number }[] } }>(cluster, [
            'service',
            'traefik',
            '-n',
            ns,
          ])
        ).spec.ports.map((p) => p.nodePort);
      const drPorts = await ports('gomeet-dr-test');
      for (const p of await ports('gomeet')) expect(drPorts).not.toContain(p);

      // The Node services come up on the general pool (kwok may need a few rounds).
      const line = [
        './deployment/digitalocean/health-check.sh',
        '--namespace',
        'gomeet-dr-test',
        'check',
      ];
      let health = await runLine(cluster, line);
      const deadline = Date.now() + 90_000;
      while (
        !/PASS {2}deployment\/chat-service/.test(health.stdout) ||
        !/PASS {2}deployment\/auth-service/.test(health.stdout)
      ) {
        if (Date.now() > deadline) throw new Error(`DR services not ready:\n${health.stdout}`);
        await new Promise((resolve) => setTimeout(resolve, 2000));
        health = await runLine(cluster, line);
      }
      expect(health.stdout).toMatch(
        /^GoMeet UNHEALTHY \(target cluster, namespace gomeet-dr-test, /,
      );
      expect(health.code).toBe(2);
      const lines = health.stdout.split('\n');
      for (const app of ['auth-service', 'chat-service', 'frontend', 'traefik'])
        expect(lines).toContainEqual(
          expect.stringMatching(new RegExp(`^ {2}PASS {2}deployment/${app} `)),
        );
      // Truthfully red: in the same cluster the source's host-network coturn holds its ports
      // on both media nodes, and the new load balancer has no address yet.
      const failing = lines.filter((l) => l.startsWith('  FAIL')).map((l) => l.split(/\s+/)[2]);
      expect(failing).toEqual(
        expect.arrayContaining(['daemonset/coturn', 'load-balancer/traefik']),
      );
      expect(lines).toContainEqual(
        expect.stringMatching(
          /^ {2}WARN {2}pods +\d+ of \d+ pod\(s\) not running: coturn-\w+: Pending \(Unschedulable\)/,
        ),
      );
    }, 180_000);
  },
);
