import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { V2HorizontalPodAutoscaler } from '@kubernetes/client-node';

/** Where the declared HPAs live: the kustomize base the cluster is deployed from. */
export const BASE_HPA_FILE = fileURLToPath(
  new URL('../../../../../deployment/k8s/base/hpa.yaml', import.meta.url),
);

/**
 * The runbook's own HPA (auth-service 8–20 at 70 % CPU / 80 % memory), used only when the
 * kustomize base is not next to this build (an installed gomeet-ops without the repo).
 */
const RUNBOOK_FALLBACK: V2HorizontalPodAutoscaler[] = [
  {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'auth-service-hpa', namespace: 'gomeet', labels: { app: 'auth-service' } },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'auth-service' },
      minReplicas: 8,
      maxReplicas: 20,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
        },
        {
          type: 'Resource',
          resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } },
        },
      ],
    },
  },
];

/** The declared HPAs and where they were read from. */
export interface HpaPolicy {
  source: string;
  hpas: V2HorizontalPodAutoscaler[];
}

/**
 * Reads the HorizontalPodAutoscalers declared in deployment/k8s/base/hpa.yaml (one source of
 * truth with `kubectl apply -k`), or the runbook's auth-service HPA when that file is absent.
 */
export async function loadHpaPolicy(file: string = BASE_HPA_FILE): Promise<HpaPolicy> {
  if (!existsSync(file)) return { source: 'runbook (auth-service only)', hpas: RUNBOOK_FALLBACK };
  const { loadAllYaml } = await import('@kubernetes/client-node');
  const docs = loadAllYaml(readFileSync(file, 'utf8')) as { kind?: string }[];
  const hpas = docs.filter(
    (d): d is V2HorizontalPodAutoscaler => d.kind === 'HorizontalPodAutoscaler',
  );
  return { source: file, hpas };
}

/** The declared HPA that scales `service`, if any. */
export function hpaFor(policy: HpaPolicy, service: string): V2HorizontalPodAutoscaler | undefined {
  return policy.hpas.find((h) => h.spec?.scaleTargetRef.name === service);
}

/** "8–20 pods, cpu 70 %, memory 80 %" for messages. */
export function describeHpa(hpa: V2HorizontalPodAutoscaler): string {
  const targets = (hpa.spec?.metrics ?? [])
    .map((m) => `${m.resource?.name ?? m.type} ${m.resource?.target.averageUtilization ?? '?'} %`)
    .join(', ');
  return `${hpa.spec?.minReplicas ?? 1}–${hpa.spec?.maxReplicas ?? '?'} pods, ${targets}`;
}
