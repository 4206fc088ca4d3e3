import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeBinaries, startKubeCluster, type KubeCluster } from '../src/kube-cluster.js';

if (process.env.CI === 'true' && !kubeBinaries())
  throw new Error('the Kubernetes test binaries are required in CI: bash scripts/install-k8s.sh');
if (!kubeBinaries())
  console.warn('skipping: run bash scripts/install-k8s.sh for the control plane');

const deployment = (image: string) =>
  JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          nodeSelector: { 'doks.digitalocean.com/node-pool': 'gomeet-general' },
          containers: [{ name: 'web', image }],
        },
      },
    },
  });

describe.skipIf(!kubeBinaries())('the test Kubernetes control plane', () => {
  let cluster: KubeCluster;
  beforeAll(async () => {
    cluster = await startKubeCluster();
  }, 120_000);
  afterAll(async () => cluster?.stop());

  it('has Ready kwok nodes in a general and a tainted media pool', async () => {
    const r = await cluster.kubectl(['get', 'nodes', '-o', 'json']);
    const nodes = (
      JSON.parse(r.stdout) as {
        items: {
          metadata: { labels: Record<string, string> };
          spec: { taints?: { key: string }[] };
        }[];
      }
    ).items;
    const pools = nodes.map((n) => n.metadata.labels['doks.digitalocean.com/node-pool']);
    expect(pools.filter((p) => p === 'gomeet-general')).toHaveLength(3);
    expect(pools.filter((p) => p === 'gomeet-media')).toHaveLength(2);
    const media = nodes.filter((n) => n.metadata.labels['gomeet.io/pool'] === 'media');
    expect(media.every((n) => n.spec.taints?.some((t) => t.key === 'gomeet.io/media'))).toBe(true);
  });

  it('runs a Deployment on the selected pool and rolls it to a new ReplicaSet', async () => {
    expect((await cluster.kubectl(['apply', '-f', '-'], { input: deployment('web:1') })).code).toBe(
      0,
    );
    const rolled = await cluster.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s']);
    expect(rolled.code, rolled.stderr).toBe(0);
    const pods = await cluster.kubectl([
      'get',
      'pods',
      '-l',
      'app=web',
      '-o',
      'jsonpath={range .items[*]}{.spec.nodeName} {.status.phase}{"\\n"}{end}',
    ]);
    const lines = pods.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(/^gomeet-general-\d Running$/);

    await cluster.kubectl(['set', 'image', 'deployment/web', 'web=web:2']);
    const again = await cluster.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s']);
    expect(again.code, again.stderr).toBe(0);
    const sets = await cluster.kubectl([
      'get',
      'replicasets',
      '-l',
      'app=web',
      '-o',
      'jsonpath={range .items[*]}{.spec.template.spec.containers[0].image}={.status.replicas}{"\\n"}{end}',
    ]);
    expect(sets.stdout.trim().split('\n').sort()).toEqual(['web:1=0', 'web:2=3']);
  });
});
