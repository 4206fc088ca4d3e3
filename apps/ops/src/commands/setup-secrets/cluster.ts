import {
  PatchStrategy,
  setHeaderOptions,
  type AppsV1Api,
  type CoreV1Api,
} from '@kubernetes/client-node';
import { isStatus } from '../../cli/kube.js';
import {
  PROVIDED_SECRETS,
  READERS,
  SECRET_NAMES,
  type ExistingSecrets,
  type SecretChange,
} from './plan.js';

/** The Kubernetes calls setup-secrets makes. */
export interface SecretsKube {
  core: Pick<
    CoreV1Api,
    'readNamespacedSecret' | 'createNamespacedSecret' | 'replaceNamespacedSecret'
  > &
    Partial<Pick<CoreV1Api, 'readNamespace' | 'createNamespace'>>;
  apps: Pick<AppsV1Api, 'patchNamespacedDeployment'>;
}

/** Reads (and base64-decodes) every managed Secret of the namespace. */
export async function readSecrets(kube: SecretsKube, namespace: string): Promise<ExistingSecrets> {
  const existing: ExistingSecrets = new Map();
  for (const name of [...SECRET_NAMES, ...Object.keys(PROVIDED_SECRETS)]) {
    try {
      const secret = await kube.core.readNamespacedSecret({ name, namespace });
      const data = Object.fromEntries(
        Object.entries(secret.data ?? {}).map(([k, v]) => [
          k,
          Buffer.from(v, 'base64').toString('utf8'),
        ]),
      );
      existing.set(name, data);
    } catch (error) {
      if (!isStatus(error, 404)) throw error;
      existing.set(name, undefined);
    }
  }
  return existing;
}

/** The namespace for DNS-01 credentials: cert-manager's own (ClusterIssuers read it there). */
export const DNS_NAMESPACE = 'cert-manager';
/** The Secret the letsencrypt ClusterIssuer's DigitalOcean DNS-01 solver reads (traefik-gateway.yaml). */
export const DNS_SECRET = 'digitalocean-dns';

/** Plans Secret digitalocean-dns (key access-token) in cert-manager from DIGITALOCEAN_TOKEN. */
export async function planDnsSecret(kube: SecretsKube, token: string): Promise<SecretChange> {
  let old: Record<string, string> | undefined;
  try {
    const secret = await kube.core.readNamespacedSecret({
      name: DNS_SECRET,
      namespace: DNS_NAMESPACE,
    });
    old = Object.fromEntries(
      Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]),
    );
  } catch (error) {
    if (!isStatus(error, 404)) throw error;
  }
  const data = { 'access-token': token };
  const action = !old ? 'create' : old['access-token'] === token ? 'unchanged' : 'update';
  return { name: DNS_SECRET, namespace: DNS_NAMESPACE, action, data: { ...old, ...data } };
}

/** Creates the namespace when it does not exist; resolves to whether it did. */
export async function ensureNamespace(kube: SecretsKube, name: string): Promise<boolean> {
  const { readNamespace, createNamespace } = kube.core;
  if (!readNamespace || !createNamespace) return false;
  try {
    await readNamespace.call(kube.core, { name });
    return false;
  } catch (error) {
    if (!isStatus(error, 404)) throw error;
  }
  await createNamespace.call(kube.core, {
    body: { metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'gomeet-ops' } } },
  });
  return true;
}

/** Creates or replaces the changed Secrets (type Opaque, labelled as ours). */
export async function writeSecrets(
  kube: SecretsKube,
  defaultNamespace: string,
  changes: SecretChange[],
): Promise<void> {
  for (const change of changes) {
    if (change.action === 'unchanged') continue;
    const namespace = change.namespace ?? defaultNamespace;
    const body = {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: {
        name: change.name,
        namespace,
        labels: {
          'app.kubernetes.io/part-of': 'gomeet',
          'app.kubernetes.io/managed-by': 'gomeet-ops',
        },
      },
      data: Object.fromEntries(
        Object.entries(change.data).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
      ),
    };
    if (change.action === 'create') await kube.core.createNamespacedSecret({ namespace, body });
    else await kube.core.replaceNamespacedSecret({ name: change.name, namespace, body });
  }
}

/** The Deployments a rotation or a changed database URL must restart, in order (the LiveKit SFU first). */
export function restartsFor(changes: SecretChange[]): string[] {
  const provided = new Set<string>(Object.keys(PROVIDED_SECRETS));
  const rotated = new Set(
    changes
      .filter(
        (c) =>
          !c.namespace &&
          (c.action === 'rotate' ||
            c.action === 'update' ||
            // Running pods read an optional Secret only at start: a new one needs a restart too.
            (c.action === 'create' && provided.has(c.name))),
      )
      .map((c) => c.name),
  );
  // LiveKit must accept the new key pair before the services start signing with it.
  const order = [
    'livekit-keys',
    'redis-secret',
    'auth-jwt-keys',
    'postgres-secret',
    ...provided,
  ].filter((name) => rotated.has(name));
  return [...new Set(order.flatMap((name) => READERS[name] ?? []))];
}

/**
 * `kubectl rollout restart` for each Deployment: bumps the restartedAt annotation of its
 * pod template. Returns per Deployment whether it was restarted or does not exist.
 */
export async function restartDeployments(
  kube: SecretsKube,
  namespace: string,
  names: string[],
  now: Date,
): Promise<{ deployment: string; status: 'restarted' | 'not-found' }[]> {
  const body = {
    spec: {
      template: {
        metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': now.toISOString() } },
      },
    },
  };
  const results: { deployment: string; status: 'restarted' | 'not-found' }[] = [];
  for (const name of names) {
    try {
      await kube.apps.patchNamespacedDeployment(
        { name, namespace, body },
        setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
      );
      results.push({ deployment: name, status: 'restarted' });
    } catch (error) {
      if (!isStatus(error, 404)) throw error;
      results.push({ deployment: name, status: 'not-found' });
    }
  }
  return results;
}
