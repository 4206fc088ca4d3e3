import type { Command } from 'commander';
import { kubeFor, outputFor, readGlobalOptions, type CliDeps } from '../../cli/context.js';
import type { Output } from '../../cli/output.js';
import {
  DNS_NAMESPACE,
  DNS_SECRET,
  ensureNamespace,
  planDnsSecret,
  readSecrets,
  restartDeployments,
  restartsFor,
  writeSecrets,
} from './cluster.js';
import { fingerprint } from './generate.js';
import { envFileContent, writeEnvFile } from './local-env.js';
import {
  IN_CLUSTER_NOTES,
  managedUrls,
  providedSettings,
  type ProvidedSettings,
} from './managed-urls.js';
import { planSecrets, type SecretChange } from './plan.js';

interface SecretsFlags {
  database?: boolean;
  rotate?: boolean;
  force?: boolean;
  databaseUrl?: string;
  redisUrl?: string;
  smtpUrl?: string;
  oidcProviders?: string;
}

/** What setup-secrets reports: names and fingerprints only, never a value. */
export interface SecretsReport {
  target: 'cluster' | 'local';
  namespace: string | null;
  dryRun: boolean;
  secrets: {
    name: string;
    namespace: string | null;
    action: SecretChange['action'];
    keys: Record<string, string>;
  }[];
  restarts: { deployment: string; status: 'restarted' | 'not-found' | 'would-restart' }[];
  envFile: string | null;
  /** Where the database URLs came from, skipped Secrets, created namespaces; never a value. */
  notes: string[];
}

function describe(changes: SecretChange[], namespace: string | null): SecretsReport['secrets'] {
  return changes.map((c) => ({
    name: c.name,
    namespace: c.namespace ?? namespace,
    action: c.action,
    keys: Object.fromEntries(Object.entries(c.data).map(([k, v]) => [k, fingerprint(v)])),
  }));
}

function print(out: Output, report: SecretsReport): void {
  if (out.format === 'json') return out.json(report);
  const verb = (a: string) =>
    report.dryRun && a !== 'unchanged' ? `would ${a}` : a === 'unchanged' ? a : `${a}d`;
  for (const s of report.secrets) {
    const where =
      s.namespace && s.namespace !== report.namespace ? ` (namespace ${s.namespace})` : '';
    out.line(`${s.name}${where}: ${verb(s.action)}`);
    for (const [k, fp] of Object.entries(s.keys)) out.line(`  ${k}  ${fp}`);
  }
  for (const r of report.restarts)
    out.line(`deployment/${r.deployment}: ${r.status.replace('-', ' ')}`);
  if (report.envFile)
    out.line(`${report.dryRun ? 'would write' : 'wrote'} ${report.envFile} (mode 0600)`);
  for (const note of report.notes) out.line(`note: ${note}`);
}

async function runCluster(
  deps: CliDeps,
  command: Command,
  flags: SecretsFlags,
): Promise<SecretsReport> {
  const options = readGlobalOptions(command);
  const kube = await kubeFor(deps, options);
  const ns = options.namespace;
  const now = deps.now();
  const urls = managedUrls(flags, deps.env);
  // --database touches only the database Secrets: SMTP_URL and OIDC_PROVIDERS are not read.
  const provided: ProvidedSettings = flags.database
    ? { notes: [] }
    : providedSettings(flags, deps.env);
  const notes = [...urls.notes, ...provided.notes];
  const changes = await planSecrets(await readSecrets(kube, ns), {
    database: flags.database === true,
    rotate: flags.rotate === true,
    now,
    ...(urls.databaseUrl ? { databaseUrl: urls.databaseUrl } : {}),
    ...(urls.redisUrl ? { redisUrl: urls.redisUrl } : {}),
    ...(provided.smtpUrl ? { smtpUrl: provided.smtpUrl } : {}),
    ...(provided.oidcProviders ? { oidcProviders: provided.oidcProviders } : {}),
  });
  for (const c of changes)
    if (c.action === 'create' && IN_CLUSTER_NOTES[c.name] && !c.namespace) {
      const managed = c.name === 'postgres-secret' ? urls.databaseUrl : urls.redisUrl;
      if (!managed) notes.push(IN_CLUSTER_NOTES[c.name]!);
    }
  if (!flags.database) {
    const token = deps.env.DIGITALOCEAN_TOKEN;
    if (token) changes.push(await planDnsSecret(kube, token));
    else
      notes.push(
        `${DNS_SECRET} (namespace ${DNS_NAMESPACE}) skipped: DIGITALOCEAN_TOKEN is not set; the letsencrypt ClusterIssuer's DNS-01 challenge needs it`,
      );
  }
  const toRestart = restartsFor(changes);
  const base = {
    target: 'cluster' as const,
    namespace: ns,
    dryRun: options.dryRun,
    secrets: describe(changes, ns),
    envFile: null,
  };
  if (options.dryRun)
    return {
      ...base,
      restarts: toRestart.map((deployment) => ({ deployment, status: 'would-restart' as const })),
      notes,
    };
  const namespaces = [
    ns,
    ...(changes.some((c) => c.namespace === DNS_NAMESPACE && c.action !== 'unchanged')
      ? [DNS_NAMESPACE]
      : []),
  ];
  for (const name of namespaces)
    if (await ensureNamespace(kube, name)) notes.push(`created namespace ${name}`);
  await writeSecrets(kube, ns, changes);
  return { ...base, restarts: await restartDeployments(kube, ns, toRestart, now), notes };
}

async function runLocal(
  deps: CliDeps,
  command: Command,
  flags: SecretsFlags,
): Promise<SecretsReport> {
  const options = readGlobalOptions(command);
  const changes = await planSecrets(new Map(), { database: false, rotate: false, now: deps.now() });
  const { content } = envFileContent(changes);
  const local = changes.filter((c) =>
    ['auth-jwt-keys', 'turn-secret', 'livekit-keys', 'backup-encryption-key'].includes(c.name),
  );
  const base = {
    target: 'local' as const,
    namespace: null,
    dryRun: options.dryRun,
    secrets: describe(local, null),
    restarts: [],
    notes: [],
  };
  if (options.dryRun) return { ...base, envFile: `${deps.cwd}/.env` };
  return { ...base, envFile: await writeEnvFile(deps.cwd, content, flags.force === true) };
}

/** `setup-secrets`: generates and applies GoMeet's secrets (or a local .env). */
export default function register(program: Command, deps: CliDeps): void {
  program
    .command('setup-secrets')
    .description(
      'generate and apply the Kubernetes Secrets (JWT, TURN, LiveKit, database, Redis, backup key; SMTP and SSO when given)',
    )
    .option('--database', 'only postgres-secret and redis-secret', false)
    .option(
      '--rotate',
      'rotate the JWT signing key and the LiveKit key pair, with an overlap',
      false,
    )
    .option('--force', 'with --target local: overwrite an existing .env', false)
    .option(
      '--database-url <url>',
      'managed PostgreSQL URL for postgres-secret (default: env DATABASE_URL; unset: in-cluster postgres-primary:5432)',
    )
    .option(
      '--redis-url <url>',
      'managed Redis URL for redis-secret (default: env REDIS_URL; unset: in-cluster redis-primary:6379)',
    )
    .option(
      '--smtp-url <url>',
      'SMTP_URL for smtp-secret, account mail and invitations (default: env SMTP_URL; unset: smtp-secret kept as it is)',
    )
    .option(
      '--oidc-providers <json>',
      'OIDC_PROVIDERS for auth-oidc, single sign-on (default: env OIDC_PROVIDERS; unset: auth-oidc kept as it is)',
    )
    .action(async (flags: SecretsFlags, command: Command) => {
      const options = readGlobalOptions(command);
      const report =
        options.target === 'local'
          ? await runLocal(deps, command, flags)
          : await runCluster(deps, command, flags);
      print(outputFor(deps, options), report);
    });
}
