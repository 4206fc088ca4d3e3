import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, openSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@gomeet/platform';
import { stopChild } from './servers.js';
import { waitUntil } from './wait.js';

/** The Kubernetes version scripts/install-k8s.sh builds. */
export const KUBE_VERSION = 'v1.36.3';
const BINARIES = [
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kubectl',
  'kine',
  'kwok',
] as const;

/** One fake node of the test cluster. */
export interface KubeNode {
  name: string;
  /** DigitalOcean node-pool name, e.g. `gomeet-general`. */
  pool: string;
  /** Our pool label value (`gomeet.io/pool`): general or media. */
  role: 'general' | 'media';
  cpu: string;
  memory: string;
  zone: string;
}

/** The result of one kubectl call. */
export interface KubectlResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** A running control plane; `stop` ends every process it started and removes its files. */
export interface KubeCluster {
  /** Path of a kubeconfig (token, insecure TLS) for this cluster. */
  kubeconfig: string;
  /** https://127.0.0.1:<port> */
  server: string;
  token: string;
  /** The apiserver's --cert-dir (apiserver.crt is its serving certificate). */
  certDir: string;
  binDir: string;
  nodes: KubeNode[];
  /** Runs the cached kubectl against this cluster. Never throws for a non-zero exit. */
  kubectl(args: string[], options?: { input?: string; timeoutMs?: number }): Promise<KubectlResult>;
  stop(): Promise<void>;
}

/** Where scripts/install-k8s.sh caches the binaries, or undefined while any is missing. */
export function kubeBinaries(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = path.join(
    env.GOMEET_K8S_CACHE ?? path.join(homedir(), '.cache', 'gomeet-k8s'),
    KUBE_VERSION,
  );
  return BINARIES.every((b) => existsSync(path.join(dir, b))) ? dir : undefined;
}

/**
 * The nodes a test cluster gets unless told otherwise: three general nodes and two media nodes,
 * sized like the runbook's c-32 droplets, across two zones. Media nodes carry the taint only
 * LiveKit and coturn tolerate.
 */
export const DEFAULT_NODES: KubeNode[] = [
  ...[1, 2, 3].map((i) => ({
    name: `gomeet-general-${i}`,
    pool: 'gomeet-general',
    role: 'general' as const,
    cpu: '32',
    memory: '64Gi',
    zone: `zone-${(i % 2) + 1}`,
  })),
  ...[1, 2].map((i) => ({
    name: `gomeet-media-${i}`,
    pool: 'gomeet-media',
    role: 'media' as const,
    cpu: '32',
    memory: '64Gi',
    zone: `zone-${i}`,
  })),
];

function nodeObject(node: KubeNode): object {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: node.name,
      annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      labels: {
        'kubernetes.io/hostname': node.name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/role': 'agent',
        'node-role.kubernetes.io/agent': '',
        type: 'kwok',
        'doks.digitalocean.com/node-pool': node.pool,
        'gomeet.io/pool': node.role,
        'topology.kubernetes.io/zone': node.zone,
        'topology.kubernetes.io/region': 'fra1',
      },
    },
    spec:
      node.role === 'media'
        ? { taints: [{ key: 'gomeet.io/media', value: 'true', effect: 'NoSchedule' }] }
        : {},
    status: {
      allocatable: { cpu: node.cpu, memory: node.memory, pods: '110' },
      capacity: { cpu: node.cpu, memory: node.memory, pods: '110' },
      phase: 'Running',
    },
  };
}

function kubeconfigYaml(server: string, token: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: gomeet-test',
    '  cluster:',
    `    server: ${server}`,
    '    insecure-skip-tls-verify: true',
    'users:',
    '- name: admin',
    '  user:',
    `    token: ${token}`,
    'contexts:',
    '- name: gomeet-test',
    '  context:',
    '    cluster: gomeet-test',
    '    user: admin',
    'current-context: gomeet-test',
    '',
  ].join('\n');
}

/**
 * Starts a real Kubernetes control plane on 127.0.0.1 from the binaries scripts/install-k8s.sh
 * built: kine (SQLite) as the store, kube-apiserver (static token in system:masters, RBAC on),
 * kube-controller-manager and kube-scheduler (no leader election), and kwok managing the given
 * fake nodes, whose pods go Running. Writes a kubeconfig and waits until every node is Ready.
 * Throws when the binaries are missing (run scripts/install-k8s.sh).
 */
export async function startKubeCluster(options: { nodes?: KubeNode[] } = {}): Promise<KubeCluster> {
  const binDir = kubeBinaries();
  if (!binDir)
    throw new Error('Kubernetes test binaries are missing: run bash scripts/install-k8s.sh');
  const nodes = options.nodes ?? DEFAULT_NODES;
  const dir = mkdtempSync(path.join(tmpdir(), 'gomeet-k8s-'));
  const certDir = path.join(dir, 'certs');
  const token = randomBytes(24).toString('hex');
  const children: ChildProcess[] = [];
  const bin = (name: string) => path.join(binDir, name);
  const start = (name: string, args: string[]): ChildProcess => {
    const log = openSync(path.join(dir, `${name}.log`), 'a');
    const child = spawn(bin(name), args, { stdio: ['ignore', log, log] });
    closeSync(log);
    children.push(child);
    return child;
  };

  const stop = async () => {
    for (const child of children.reverse()) await stopChild(child, 3_000);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(path.join(dir, 'sa.key'), privateKey.export({ type: 'pkcs1', format: 'pem' }));
    writeFileSync(path.join(dir, 'sa.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
    writeFileSync(path.join(dir, 'tokens.csv'), `${token},admin,admin,system:masters\n`);

    const etcdPort = await freePort();
    start('kine', [
      '--listen-address',
      `127.0.0.1:${etcdPort}`,
      // kine's metrics default to :8080 on every interface.
      '--metrics-bind-address',
      '127.0.0.1:0',
      '--endpoint',
      `sqlite://${path.join(dir, 'kine.db')}?_journal=WAL&cache=shared&_busy_timeout=30000`,
    ]);

    const apiPort = await freePort();
    const server = `https://127.0.0.1:${apiPort}`;
    start('kube-apiserver', [
      `--etcd-servers=http://127.0.0.1:${etcdPort}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${apiPort}`,
      `--cert-dir=${certDir}`,
      '--service-account-issuer=https://kubernetes.default.svc',
      `--service-account-key-file=${path.join(dir, 'sa.pub')}`,
      `--service-account-signing-key-file=${path.join(dir, 'sa.key')}`,
      `--token-auth-file=${path.join(dir, 'tokens.csv')}`,
      '--authorization-mode=Node,RBAC',
      // Documentation ranges: only fields in the API, never routed.
      '--service-cluster-ip-range=203.0.113.0/24',
      '--enable-priority-and-fairness=false',
      // Lists go straight to kine: a CRD created a moment ago answers at once instead of 429
      // ("storage is (re)initializing") while its watch cache fills, which on a loaded 2-core
      // machine can outlast a test's patience.
      '--watch-cache=false',
      '--profiling=false',
    ]);
    const kubeconfig = path.join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, kubeconfigYaml(server, token), { mode: 0o600 });

    const kubectl = (
      args: string[],
      opts: { input?: string; timeoutMs?: number } = {},
    ): Promise<KubectlResult> =>
      new Promise((resolve) => {
        const child = execFile(
          bin('kubectl'),
          ['--kubeconfig', kubeconfig, ...args],
          { maxBuffer: 64 * 1024 * 1024, timeout: opts.timeoutMs ?? 120_000 },
          (error, stdout, stderr) => {
            const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
            resolve({ stdout, stderr, code });
          },
        );
        child.stdin?.end(opts.input ?? '');
      });

    await waitUntil('kube-apiserver', 60_000, async () => {
      const r = await kubectl(['get', '--raw', '/readyz'], { timeoutMs: 5_000 });
      return r.code === 0 && r.stdout.trim() === 'ok';
    });

    start('kube-controller-manager', [
      `--kubeconfig=${kubeconfig}`,
      '--leader-elect=false',
      '--bind-address=127.0.0.1',
      '--secure-port=0',
      `--service-account-private-key-file=${path.join(dir, 'sa.key')}`,
      `--root-ca-file=${path.join(certDir, 'apiserver.crt')}`,
      '--controllers=*,-serviceaccount-token',
      // kwok's heartbeats can lag on a loaded 2-core machine; a node marked NotReady would have
      // its pods marked unready for good (kwok does not make them ready again).
      '--node-monitor-grace-period=10m',
      '--use-service-account-credentials=false',
    ]);
    start('kube-scheduler', [
      `--kubeconfig=${kubeconfig}`,
      '--leader-elect=false',
      '--bind-address=127.0.0.1',
      '--secure-port=0',
    ]);
    start('kwok', [
      `--kubeconfig=${kubeconfig}`,
      '--manage-all-nodes=false',
      '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
      '--cidr=198.51.100.0/24',
      '--node-ip=198.51.100.1',
      '--server-address=127.0.0.1:0',
    ]);

    const nodeList = { apiVersion: 'v1', kind: 'List', items: nodes.map(nodeObject) };
    const created = await kubectl(['apply', '-f', '-'], { input: JSON.stringify(nodeList) });
    if (created.code !== 0) throw new Error(`creating the kwok nodes failed: ${created.stderr}`);
    await waitUntil('kwok nodes', 60_000, async () => {
      const r = await kubectl([
        'get',
        'nodes',
        '-o',
        'jsonpath={range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}',
      ]);
      const ready = r.stdout.split('\n').filter((s) => s === 'True').length;
      return r.code === 0 && ready === nodes.length;
    });
    // The default ServiceAccount appears once the controller-manager runs; pods need it.
    await waitUntil('the default ServiceAccount', 60_000, async () => {
      const r = await kubectl(['get', 'serviceaccount', 'default', '-n', 'default']);
      return r.code === 0;
    });

    return { kubeconfig, server, token, certDir, binDir, nodes, kubectl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
