import { lastLines, type CommandRunner, type CommandResult } from '../build-images/run-command.js';

/** A Kubernetes object as kustomize renders it (only what we read is typed). */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [key: string]: unknown;
}

/** The field manager of every server-side apply master-deploy makes. */
export const FIELD_MANAGER = 'gomeet-deploy';

/** Thrown when a kubectl call fails; the message is kubectl's last stderr lines. */
export class KubectlError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly result: CommandResult,
  ) {
    super(
      result.notFound
        ? 'kubectl not found on PATH'
        : `kubectl ${args.slice(0, 2).join(' ')} failed: ${lastLines(result.stderr, 2) || `exit ${result.code}`}`,
    );
    this.name = 'KubectlError';
  }
}

/** kubectl through the injected runner, with the global --context and namespace applied. */
export class Kubectl {
  constructor(
    private readonly run: CommandRunner,
    private readonly env: NodeJS.ProcessEnv,
    readonly namespace: string,
    private readonly context?: string,
  ) {}

  /** Runs kubectl; never throws for a non-zero exit. */
  exec(
    args: readonly string[],
    options: { input?: string; timeoutMs?: number; onStderr?: (t: string) => void } = {},
  ): Promise<CommandResult> {
    const full = [...(this.context ? ['--context', this.context] : []), ...args];
    return this.run('kubectl', full, {
      env: this.env,
      timeoutMs: options.timeoutMs ?? 120_000,
      ...(options.input !== undefined ? { input: options.input } : {}),
      ...(options.onStderr ? { onStderr: options.onStderr } : {}),
    });
  }

  /** Runs kubectl and returns stdout; throws {@link KubectlError} on failure. */
  async ok(args: readonly string[], options: { input?: string; timeoutMs?: number } = {}) {
    const r = await this.exec(args, options);
    if (r.code !== 0) throw new KubectlError(args, r);
    return r.stdout;
  }

  /** `kubectl get … -o json`, or undefined when the object does not exist. */
  async get<T>(args: readonly string[]): Promise<T | undefined> {
    const r = await this.exec(['get', ...args, '-o', 'json']);
    if (r.code !== 0) {
      if (/NotFound|not found/.test(r.stderr)) return undefined;
      throw new KubectlError(['get', ...args], r);
    }
    return JSON.parse(r.stdout) as T;
  }

  /** Server-side apply of `objects` as one List (our field manager; conflicts forced). */
  async apply(objects: readonly KubeObject[], timeoutMs = 300_000): Promise<string> {
    if (objects.length === 0) return '';
    const list = { apiVersion: 'v1', kind: 'List', items: objects };
    return this.ok(
      [
        'apply',
        '-n',
        this.namespace,
        '--server-side',
        '--force-conflicts',
        `--field-manager=${FIELD_MANAGER}`,
        '-f',
        '-',
      ],
      { input: JSON.stringify(list), timeoutMs },
    );
  }

  /** "apiVersion Kind" of every resource type the API server serves (CRDs included). */
  async servedKinds(): Promise<Set<string>> {
    const out = await this.ok(['api-resources', '--no-headers']);
    const kinds = new Set<string>();
    for (const line of out.split('\n')) {
      const cols = line.trim().split(/\s+/);
      // NAME [SHORTNAMES] APIVERSION NAMESPACED KIND: read from the right.
      const kind = cols.at(-1);
      const apiVersion = cols.at(-3);
      if (kind && apiVersion) kinds.add(`${apiVersion} ${kind}`);
    }
    return kinds;
  }
}
