import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { KUBE_VERSION } from '@gomeet/testing';
import { parseAllDocuments } from 'yaml';

/** The fields of Kubernetes objects these tests read (everything else is ignored). */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}
export interface Probe {
  httpGet?: { path: string; port: number | string };
  tcpSocket?: { port: number | string };
}
export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string; optional?: boolean };
    configMapKeyRef?: { name: string; key: string };
  };
}
export interface Container {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number; protocol?: string }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  resources?: {
    requests?: Record<string, string>;
    limits?: Record<string, string>;
  };
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  securityContext?: {
    runAsNonRoot?: boolean;
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    capabilities?: { drop?: string[] };
  };
  volumeMounts?: { name: string; mountPath: string }[];
}
export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  hostNetwork?: boolean;
  dnsPolicy?: string;
  nodeSelector?: Record<string, string>;
  tolerations?: { key?: string; operator?: string; value?: string; effect?: string }[];
  affinity?: {
    podAntiAffinity?: {
      requiredDuringSchedulingIgnoredDuringExecution?: {
        topologyKey: string;
        labelSelector: LabelSelector;
      }[];
    };
  };
  topologySpreadConstraints?: { topologyKey: string; whenUnsatisfiable: string }[];
  terminationGracePeriodSeconds?: number;
  securityContext?: {
    runAsNonRoot?: boolean;
    runAsUser?: number;
    seccompProfile?: { type: string };
  };
  volumes?: {
    name: string;
    secret?: { secretName: string };
    configMap?: { name: string };
    emptyDir?: object;
  }[];
}
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  data?: Record<string, string>;
  spec?: {
    replicas?: number;
    selector?: LabelSelector & Record<string, unknown>;
    template?: { metadata: { labels: Record<string, string> }; spec: PodSpec };
    strategy?: {
      type?: string;
      rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string };
    };
    scaleTargetRef?: { apiVersion: string; kind: string; name: string };
    minReplicas?: number;
    maxReplicas?: number;
    metrics?: {
      type: string;
      resource?: { name: string; target: { type: string; averageUtilization?: number } };
    }[];
    workloadRef?: { apiVersion: string; kind: string; name: string; scaleDown?: string };
    podSelector?: LabelSelector;
    policyTypes?: string[];
    ingress?: PolicyRule[];
    egress?: PolicyRule[];
    ports?: { name?: string; port: number; targetPort?: number | string; protocol?: string }[];
    secretName?: string;
    dnsNames?: string[];
    issuerRef?: { name: string; kind?: string };
    routes?: {
      match: string;
      middlewares?: { name: string }[];
      services?: { name: string; port?: number; kind?: string }[];
    }[];
    tls?: { secretName?: string; options?: { name: string } };
    headers?: { contentSecurityPolicy?: string };
    [key: string]: unknown;
  };
}
export interface PolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}
export interface PolicyRule {
  from?: PolicyPeer[];
  to?: PolicyPeer[];
  ports?: { protocol?: string; port?: number | string; endPort?: number }[];
}

const root = fileURLToPath(new URL('../..', import.meta.url));
/** A path inside the repository. */
export const repoPath = (...parts: string[]): string => path.join(root, ...parts);

/** The kubectl scripts/install-k8s.sh builds (kustomize is built in), if it is there yet. */
export function kubectlPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = env.GOMEET_K8S_CACHE ?? path.join(homedir(), '.cache', 'gomeet-k8s');
  const file = path.join(dir, KUBE_VERSION, 'kubectl');
  return existsSync(file) ? file : undefined;
}

/** Parses a multi-document YAML stream into objects (empty documents dropped). */
export function parseObjects(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((doc) => {
      const [error] = doc.errors;
      if (error) throw new Error(error.message);
      return doc.toJS() as K8sObject | null;
    })
    .filter((o): o is K8sObject => o !== null);
}

const run = promisify(execFile);

/** `kubectl kustomize <dir>`: the YAML an overlay applies. */
export async function renderKustomization(kubectl: string, dir: string): Promise<string> {
  const { stdout } = await run(kubectl, ['kustomize', repoPath(dir)], {
    maxBuffer: 32 * 1024 * 1024,
  });
  return stdout;
}

/** The gateway file, as the runbook applies it. */
export function readGateway(): string {
  return readFileSync(repoPath('deployment/digitalocean/traefik-gateway.yaml'), 'utf8');
}

/** Workloads that carry a pod template. */
export const WORKLOAD_KINDS = new Set(['Deployment', 'DaemonSet', 'StatefulSet']);

/** Whether `labels` satisfy `selector` (matchLabels and matchExpressions). */
export function selects(selector: LabelSelector | undefined, labels: Record<string, string>) {
  if (!selector) return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {}))
    if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    const value = labels[e.key];
    const inValues = value !== undefined && (e.values ?? []).includes(value);
    if (e.operator === 'In' && !inValues) return false;
    if (e.operator === 'NotIn' && inValues) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** Every container of a pod spec, init containers included. */
export const containersOf = (pod: PodSpec): Container[] => [
  ...(pod.initContainers ?? []),
  ...pod.containers,
];
