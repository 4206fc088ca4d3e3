import type { KubeObject } from './kubectl.js';
import { podSpecOf, type Container } from './manifests.js';

/** Services with their own migrations: Deployment name → workspace folder under services/. */
export const MIGRATING_SERVICES = {
  'auth-service': 'auth',
  'meeting-service': 'meeting',
  'signaling-service': 'signaling',
  'chat-service': 'chat',
} as const;

/** Labels on every migration Job and its pod. Deliberately no `app`: Services select on it. */
export const MIGRATION_LABELS = {
  'app.kubernetes.io/part-of': 'gomeet',
  'app.kubernetes.io/component': 'migration',
} as const;

/** Label selector of our migration Jobs (cleanup deletes the completed ones). */
export const MIGRATION_SELECTOR = Object.entries(MIGRATION_LABELS)
  .map(([k, v]) => `${k}=${v}`)
  .join(',');

const DROPPED = ['ports', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle'];

function migrationContainer(container: Container, folder: string): Container {
  const copy: Container = { ...container };
  for (const key of DROPPED) delete copy[key];
  // The image's working directory is the repo layout (node services/<x>/dist/server.js).
  return { ...copy, command: ['node', `services/${folder}/dist/migrate.js`], args: [] };
}

/**
 * One Job per service that runs `node services/<x>/dist/migrate.js` with the Deployment's own
 * image, env, Secrets and security settings (copied from the rendered overlay), so the schema
 * is migrated before the new pods start. Services still migrate at start-up; both are idempotent.
 */
export function migrationJobs(
  rendered: readonly KubeObject[],
  namespace: string,
  runId: string,
): KubeObject[] {
  const jobs: KubeObject[] = [];
  for (const [name, folder] of Object.entries(MIGRATING_SERVICES)) {
    const deployment = rendered.find((o) => o.kind === 'Deployment' && o.metadata.name === name);
    const spec = podSpecOf(deployment ?? ({} as KubeObject));
    const container = spec?.containers?.find((c) => c.name === name) ?? spec?.containers?.[0];
    if (!spec || !container) continue;
    const labels = {
      ...MIGRATION_LABELS,
      'gomeet.io/migrates': name,
      'gomeet.io/deploy-run': runId,
    };
    jobs.push({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: `${name}-migrate-${runId}`, namespace, labels },
      spec: {
        backoffLimit: 1,
        activeDeadlineSeconds: 600,
        // Failed Jobs stay a day for their logs; cleanup deletes completed ones at once.
        ttlSecondsAfterFinished: 86_400,
        template: {
          metadata: { labels },
          spec: {
            restartPolicy: 'Never',
            automountServiceAccountToken: false,
            ...(spec.nodeSelector ? { nodeSelector: spec.nodeSelector } : {}),
            ...(spec.securityContext ? { securityContext: spec.securityContext } : {}),
            ...(spec.volumes ? { volumes: spec.volumes } : {}),
            ...(spec.imagePullSecrets ? { imagePullSecrets: spec.imagePullSecrets } : {}),
            containers: [migrationContainer(container, folder)],
          },
        },
      },
    });
  }
  return jobs;
}
