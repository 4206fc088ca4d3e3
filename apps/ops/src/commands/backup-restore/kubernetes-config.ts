import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type {
  AppsV1Api,
  AutoscalingV2Api,
  CoreV1Api,
  CustomObjectsApi,
  NetworkingV1Api,
  V1ConfigMap,
  V1DaemonSet,
  V1Deployment,
  V1Ingress,
  V1NetworkPolicy,
  V1Secret,
  V1Service,
  V1ServiceAccount,
  V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';
import { isStatus } from '../../cli/kube.js';

/** The Kubernetes calls backup and restore of the namespace's configuration make. */
export interface ConfigKube {
  core: Pick<
    CoreV1Api,
    | 'listNamespacedConfigMap'
    | 'createNamespacedConfigMap'
    | 'replaceNamespacedConfigMap'
    | 'listNamespacedSecret'
    | 'createNamespacedSecret'
    | 'replaceNamespacedSecret'
    | 'listNamespacedService'
    | 'createNamespacedService'
    | 'replaceNamespacedService'
    | 'listNamespacedServiceAccount'
    | 'createNamespacedServiceAccount'
    | 'replaceNamespacedServiceAccount'
  >;
  apps: Pick<
    AppsV1Api,
    | 'listNamespacedDeployment'
    | 'createNamespacedDeployment'
    | 'replaceNamespacedDeployment'
    | 'listNamespacedDaemonSet'
    | 'createNamespacedDaemonSet'
    | 'replaceNamespacedDaemonSet'
  >;
  networking: Pick<
    NetworkingV1Api,
    | 'listNamespacedIngress'
    | 'createNamespacedIngress'
    | 'replaceNamespacedIngress'
    | 'listNamespacedNetworkPolicy'
    | 'createNamespacedNetworkPolicy'
    | 'replaceNamespacedNetworkPolicy'
  >;
  autoscaling?: Pick<
    AutoscalingV2Api,
    | 'listNamespacedHorizontalPodAutoscaler'
    | 'createNamespacedHorizontalPodAutoscaler'
    | 'replaceNamespacedHorizontalPodAutoscaler'
  >;
  custom?: Pick<
    CustomObjectsApi,
    | 'listNamespacedCustomObject'
    | 'createNamespacedCustomObject'
    | 'replaceNamespacedCustomObject'
    | 'getNamespacedCustomObject'
  >;
}

type Obj = {
  metadata?: { name?: string; namespace?: string; [k: string]: unknown };
  [k: string]: unknown;
};
interface Kind {
  file: string;
  apiVersion: string;
  kind: string;
  list(ns: string): Promise<{ items: unknown[] }>;
  create(ns: string, body: Obj): Promise<unknown>;
  replace(ns: string, name: string, body: Obj): Promise<unknown>;
  /** Custom resources need the current resourceVersion to be replaced. */
  resourceVersion?(ns: string, name: string): Promise<string | undefined>;
  /** Served by a CRD that may not be installed: a 404 on list is a note, not an error. */
  optional?: boolean;
}

/** Kinds without a typed client here, through the custom objects API (in restore order). */
const CUSTOM_KINDS = [
  {
    file: 'pdbs',
    group: 'policy',
    version: 'v1',
    plural: 'poddisruptionbudgets',
    kind: 'PodDisruptionBudget',
    optional: false,
  },
  {
    file: 'ingressroutes',
    group: 'traefik.io',
    version: 'v1alpha1',
    plural: 'ingressroutes',
    kind: 'IngressRoute',
    optional: true,
  },
  {
    file: 'middlewares',
    group: 'traefik.io',
    version: 'v1alpha1',
    plural: 'middlewares',
    kind: 'Middleware',
    optional: true,
  },
  {
    file: 'tlsoptions',
    group: 'traefik.io',
    version: 'v1alpha1',
    plural: 'tlsoptions',
    kind: 'TLSOption',
    optional: true,
  },
  {
    file: 'certificates',
    group: 'cert-manager.io',
    version: 'v1',
    plural: 'certificates',
    kind: 'Certificate',
    optional: true,
  },
  {
    file: 'analysistemplates',
    group: 'argoproj.io',
    version: 'v1alpha1',
    plural: 'analysistemplates',
    kind: 'AnalysisTemplate',
    optional: true,
  },
  {
    file: 'rollouts',
    group: 'argoproj.io',
    version: 'v1alpha1',
    plural: 'rollouts',
    kind: 'Rollout',
    optional: true,
  },
] as const;

// The bodies are backed-up JSON, typed as the API's models only at the call.
const as = <T>(o: Obj): T => o as unknown as T;

function kinds(k: ConfigKube): Kind[] {
  const { core, apps, networking, autoscaling, custom } = k;
  const list: Kind[] = [
    {
      file: 'serviceaccounts',
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      list: (namespace) => core.listNamespacedServiceAccount({ namespace }),
      create: (namespace, body) =>
        core.createNamespacedServiceAccount({ namespace, body: as<V1ServiceAccount>(body) }),
      replace: (namespace, name, body) =>
        core.replaceNamespacedServiceAccount({ namespace, name, body: as<V1ServiceAccount>(body) }),
    },
    {
      file: 'configmaps',
      apiVersion: 'v1',
      kind: 'ConfigMap',
      list: (namespace) => core.listNamespacedConfigMap({ namespace }),
      create: (namespace, body) =>
        core.createNamespacedConfigMap({ namespace, body: as<V1ConfigMap>(body) }),
      replace: (namespace, name, body) =>
        core.replaceNamespacedConfigMap({ namespace, name, body: as<V1ConfigMap>(body) }),
    },
    {
      file: 'secrets',
      apiVersion: 'v1',
      kind: 'Secret',
      list: (namespace) => core.listNamespacedSecret({ namespace }),
      create: (namespace, body) =>
        core.createNamespacedSecret({ namespace, body: as<V1Secret>(body) }),
      replace: (namespace, name, body) =>
        core.replaceNamespacedSecret({ namespace, name, body: as<V1Secret>(body) }),
    },
    {
      file: 'services',
      apiVersion: 'v1',
      kind: 'Service',
      list: (namespace) => core.listNamespacedService({ namespace }),
      create: (namespace, body) =>
        core.createNamespacedService({ namespace, body: as<V1Service>(body) }),
      replace: (namespace, name, body) =>
        core.replaceNamespacedService({ namespace, name, body: as<V1Service>(body) }),
    },
    {
      file: 'deployments',
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      list: (namespace) => apps.listNamespacedDeployment({ namespace }),
      create: (namespace, body) =>
        apps.createNamespacedDeployment({ namespace, body: as<V1Deployment>(body) }),
      replace: (namespace, name, body) =>
        apps.replaceNamespacedDeployment({ namespace, name, body: as<V1Deployment>(body) }),
    },
    {
      file: 'daemonsets',
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      list: (namespace) => apps.listNamespacedDaemonSet({ namespace }),
      create: (namespace, body) =>
        apps.createNamespacedDaemonSet({ namespace, body: as<V1DaemonSet>(body) }),
      replace: (namespace, name, body) =>
        apps.replaceNamespacedDaemonSet({ namespace, name, body: as<V1DaemonSet>(body) }),
    },
    {
      file: 'networkpolicies',
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      list: (namespace) => networking.listNamespacedNetworkPolicy({ namespace }),
      create: (namespace, body) =>
        networking.createNamespacedNetworkPolicy({ namespace, body: as<V1NetworkPolicy>(body) }),
      replace: (namespace, name, body) =>
        networking.replaceNamespacedNetworkPolicy({
          namespace,
          name,
          body: as<V1NetworkPolicy>(body),
        }),
    },
    {
      file: 'ingresses',
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      list: (namespace) => networking.listNamespacedIngress({ namespace }),
      create: (namespace, body) =>
        networking.createNamespacedIngress({ namespace, body: as<V1Ingress>(body) }),
      replace: (namespace, name, body) =>
        networking.replaceNamespacedIngress({ namespace, name, body: as<V1Ingress>(body) }),
    },
  ];
  if (autoscaling) {
    list.push({
      file: 'hpas',
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      list: (namespace) => autoscaling.listNamespacedHorizontalPodAutoscaler({ namespace }),
      create: (namespace, body) =>
        autoscaling.createNamespacedHorizontalPodAutoscaler({
          namespace,
          body: as<V2HorizontalPodAutoscaler>(body),
        }),
      replace: (namespace, name, body) =>
        autoscaling.replaceNamespacedHorizontalPodAutoscaler({
          namespace,
          name,
          body: as<V2HorizontalPodAutoscaler>(body),
        }),
    });
  }
  if (custom) {
    for (const k of CUSTOM_KINDS) {
      const ref = { group: k.group, version: k.version, plural: k.plural };
      list.push({
        file: k.file,
        apiVersion: `${k.group}/${k.version}`,
        kind: k.kind,
        optional: k.optional,
        list: async (namespace) =>
          (await custom.listNamespacedCustomObject({ ...ref, namespace })) as { items: unknown[] },
        create: (namespace, body) =>
          custom.createNamespacedCustomObject({ ...ref, namespace, body }),
        replace: (namespace, name, body) =>
          custom.replaceNamespacedCustomObject({ ...ref, namespace, name, body }),
        resourceVersion: async (namespace, name) =>
          (
            (await custom.getNamespacedCustomObject({ ...ref, namespace, name })) as {
              metadata?: { resourceVersion?: string };
            }
          ).metadata?.resourceVersion,
      });
    }
  }
  return list;
}

/** Drops server-set fields so the object can be created again (in any namespace). */
function portable(item: unknown, kind: Kind): Obj | undefined {
  const o = JSON.parse(JSON.stringify(item)) as Obj & {
    type?: string;
    spec?: Record<string, unknown>;
  };
  const meta = o.metadata ?? {};
  if (kind.kind === 'Secret' && o.type === 'kubernetes.io/service-account-token') return undefined;
  if (kind.kind === 'ConfigMap' && meta.name === 'kube-root-ca.crt') return undefined;
  if (kind.kind === 'ServiceAccount' && meta.name === 'default') return undefined;
  // Made by a controller from its owner (which is backed up): it makes them again.
  const owners = meta.ownerReferences as { controller?: boolean }[] | undefined;
  if (owners?.some((o) => o.controller)) return undefined;
  for (const f of [
    'uid',
    'resourceVersion',
    'generation',
    'creationTimestamp',
    'managedFields',
    'selfLink',
    'namespace',
  ])
    delete meta[f];
  const annotations = meta.annotations as Record<string, string> | undefined;
  delete annotations?.['kubectl.kubernetes.io/last-applied-configuration'];
  delete annotations?.['deployment.kubernetes.io/revision'];
  delete o.status;
  if (kind.kind === 'Service' && o.spec) {
    // Allocated by the cluster; a headless Service (clusterIP None) stays headless.
    if (o.spec.clusterIP !== 'None') for (const f of ['clusterIP', 'clusterIPs']) delete o.spec[f];
    // Node ports are unique per cluster: a restore next to the source must get new ones.
    delete o.spec.healthCheckNodePort;
    const ports = o.spec.ports as { nodePort?: number }[] | undefined;
    for (const p of ports ?? []) delete p.nodePort;
  }
  return { apiVersion: kind.apiVersion, kind: kind.kind, ...o, metadata: meta };
}

/**
 * Writes each kind's objects as a `kind: List` JSON file (kubectl apply -f accepts it);
 * returns the file names and notes about kinds that could not be read.
 */
export async function exportConfig(
  kube: ConfigKube,
  namespace: string,
  dir: string,
): Promise<{ files: string[]; notes: string[] }> {
  const files: string[] = [];
  const notes: string[] = [];
  if (!kube.autoscaling)
    notes.push('HorizontalPodAutoscalers not backed up: no autoscaling/v2 client');
  if (!kube.custom)
    notes.push('PodDisruptionBudgets and custom resources not backed up: no custom objects client');
  for (const kind of kinds(kube)) {
    let items: unknown[];
    try {
      items = (await kind.list(namespace)).items;
    } catch (error) {
      if (kind.optional && isStatus(error, 404)) {
        notes.push(`${kind.kind} not backed up: its CRD is not installed`);
        continue;
      }
      throw error;
    }
    const name = `kubernetes-${kind.file}.json`;
    const objects = items.map((i) => portable(i, kind)).filter(Boolean);
    await writeFile(
      path.join(dir, name),
      `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }, null, 2)}\n`,
      { mode: 0o600 },
    );
    files.push(name);
  }
  return { files, notes };
}

const DATA_STORE_SECRETS = new Set(['postgres-secret', 'redis-secret']);

/** How often a conflicting write is tried (about 3 s of waiting in all). */
const CONFLICT_TRIES = 8;

/**
 * Creates the object, or replaces it when it exists. A 409 on the replace is a conflict that
 * passes: the object is still being deleted (a wiped namespace's finalizers) or a controller
 * wrote it between our read and our write; both are tried again after a short wait.
 */
async function createOrReplace(kind: Kind, namespace: string, body: Obj): Promise<void> {
  const name = body.metadata?.name ?? '';
  for (let attempt = 1; ; attempt += 1) {
    try {
      await kind.create(namespace, body);
      return;
    } catch (error) {
      if (!isStatus(error, 409)) throw error;
    }
    try {
      const resourceVersion = await kind.resourceVersion?.(namespace, name);
      await kind.replace(
        namespace,
        name,
        resourceVersion ? { ...body, metadata: { ...body.metadata, resourceVersion } } : body,
      );
      return;
    } catch (error) {
      if (!isStatus(error, 409) || attempt >= CONFLICT_TRIES) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
  }
}

/**
 * Creates (or replaces) every backed-up object in `namespace`; returns how many. Into
 * another namespace than the source, postgres-secret and redis-secret are left alone.
 */
export async function applyConfig(
  kube: ConfigKube,
  namespace: string,
  dir: string,
  files: string[],
  sameNamespace: boolean,
): Promise<number> {
  let count = 0;
  for (const kind of kinds(kube)) {
    const name = `kubernetes-${kind.file}.json`;
    if (!files.includes(name)) continue;
    const list = JSON.parse(await readFile(path.join(dir, name), 'utf8')) as { items: Obj[] };
    for (const item of list.items) {
      const skip = kind.kind === 'Secret' && DATA_STORE_SECRETS.has(item.metadata?.name ?? '');
      if (skip && !sameNamespace) continue;
      await createOrReplace(kind, namespace, {
        ...item,
        metadata: { ...item.metadata, namespace },
      });
      count += 1;
    }
  }
  return count;
}
