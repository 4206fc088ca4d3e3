import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { IMAGE_TARGETS } from '../build-images/plan.js';
import type { Kubectl, KubeObject } from './kubectl.js';

/** Kinds whose pods roll out, and how master-deploy waits for them. */
export const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

/** A container inside a pod template, as far as we read and rewrite it. */
export interface Container {
  name: string;
  image?: string;
  [key: string]: unknown;
}

/** The pod spec of a workload (Deployment, StatefulSet, DaemonSet, Job, Rollout). */
export interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  [key: string]: unknown;
}

/** The pod template's spec of `object`, when it has one. */
export function podSpecOf(object: KubeObject): PodSpec | undefined {
  const spec = object.spec as { template?: { spec?: PodSpec } } | undefined;
  return spec?.template?.spec;
}

/** Parses a multi-document YAML stream into plain objects (documents without a kind are skipped). */
export function parseManifests(text: string): KubeObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null && typeof o === 'object' && Boolean(o.kind));
}

/** The overlay folder of an environment. */
export function overlayDir(root: string, environment: string): string {
  return path.join(root, 'deployment', 'k8s', 'overlays', environment);
}

/** Renders the environment's kustomize overlay with kubectl's built-in kustomize. */
export async function renderOverlay(
  kubectl: Kubectl,
  root: string,
  environment: string,
): Promise<KubeObject[]> {
  const dir = overlayDir(root, environment);
  if (!existsSync(path.join(dir, 'kustomization.yaml')))
    throw new Error(`${path.relative(root, dir)}/kustomization.yaml does not exist`);
  return parseManifests(await kubectl.ok(['kustomize', dir]));
}

/** Reads the objects of a plain YAML file (the gateway and monitoring manifests). */
export function readManifestFile(file: string): KubeObject[] {
  return parseManifests(readFileSync(file, 'utf8'));
}

const OUR_IMAGE = new RegExp(`^(.+/)?(${IMAGE_TARGETS.join('|')})(:[^@]+)?(@.+)?$`);

/** Our image references in `objects` (registry…/<target>[:tag]). */
export function ourImages(objects: readonly KubeObject[]): string[] {
  const images: string[] = [];
  for (const o of objects) {
    const spec = podSpecOf(o);
    for (const c of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])])
      if (c.image && OUR_IMAGE.test(c.image)) images.push(c.image);
  }
  return [...new Set(images)];
}

/** Points every container running one of our images at `tag` (in place). */
export function setImageTag(objects: KubeObject[], tag: string): void {
  for (const o of objects) {
    const spec = podSpecOf(o);
    for (const c of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) {
      const m = c.image ? OUR_IMAGE.exec(c.image) : null;
      if (m) c.image = `${m[1] ?? ''}${m[2] ?? ''}:${tag}`;
    }
  }
}

/** Images production must refuse: no tag (so `latest`) or `latest` itself. */
export function untaggedImages(images: readonly string[]): string[] {
  return images.filter((i) => {
    const m = OUR_IMAGE.exec(i);
    return Boolean(m) && !m?.[4] && (!m?.[3] || m[3] === ':latest');
  });
}

/** The configured public URL: gomeet-config's PUBLIC_URL in the rendered overlay. */
export function publicUrlOf(objects: readonly KubeObject[]): string | undefined {
  const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'gomeet-config');
  const data = config?.data as Record<string, string> | undefined;
  return data?.PUBLIC_URL;
}
