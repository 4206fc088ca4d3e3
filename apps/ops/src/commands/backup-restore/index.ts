import path from 'node:path';
import type { Command } from 'commander';
import {
  kubeFor,
  outputFor,
  readGlobalOptions,
  type CliDeps,
  type KubeClients,
} from '../../cli/context.js';
import type { BackupContext } from './backup-context.js';
import type { ConfigKube } from './kubernetes-config.js';
import { printBackup, printCleanup, printList, printRestore } from './print.js';
import { runBackup } from './run-backup.js';
import { runCleanup, runList } from './run-list.js';
import { restoreFromSpaces, restoreGiven } from './run-restore-source.js';
import { resolveSources, type DataSources } from './sources.js';
import { spacesFromEnv } from './spaces.js';

interface BackupFlags {
  force?: boolean;
  databaseUrl?: string;
  redisUrl?: string;
}

/** The optional API groups, when the kit's clients carry them. */
function configKube(k: KubeClients): ConfigKube & Pick<KubeClients, 'core'> {
  const extra = k as Partial<Pick<ConfigKube, 'autoscaling' | 'custom'>>;
  return {
    core: k.core,
    apps: k.apps,
    networking: k.networking,
    autoscaling: extra.autoscaling,
    custom: extra.custom,
  };
}

function contextFor(command: Command, deps: CliDeps): BackupContext {
  const options = readGlobalOptions(command);
  const flags = command.optsWithGlobals<BackupFlags>();
  let sources: Promise<DataSources> | undefined;
  return {
    options,
    deps,
    out: outputFor(deps, options),
    force: flags.force === true,
    store: {
      dir: path.resolve(deps.cwd, deps.env.BACKUP_DIR || 'backups'),
      spaces: spacesFromEnv(deps.env),
    },
    sources: () =>
      (sources ??= resolveSources({
        target: options.target,
        namespace: options.namespace,
        env: deps.env,
        ...(flags.databaseUrl ? { databaseUrl: flags.databaseUrl } : {}),
        ...(flags.redisUrl ? { redisUrl: flags.redisUrl } : {}),
        kube: async () => configKube(await kubeFor(deps, options)),
      })),
  };
}

/** `backup-restore`: encrypted backups of PostgreSQL, Redis and the namespace's configuration. */
export default function register(program: Command, deps: CliDeps): void {
  const cmd = program
    .command('backup-restore')
    .description('back up, list, verify, restore and expire encrypted GoMeet backups')
    .option('--force', 'restore over a database or Redis that already holds data', false)
    .option(
      '--database-url <url>',
      'PostgreSQL to use instead of Secret postgres-secret (e.g. a port-forward)',
    )
    .option(
      '--redis-url <url>',
      'Redis to use instead of Secret redis-secret (e.g. a port-forward)',
    );
  const ctx = (c: Command) => contextFor(c, deps);

  cmd
    .command('backup')
    .description('dump PostgreSQL, Redis and Kubernetes configuration into an encrypted backup')
    .action(async (_o: unknown, c: Command) => {
      const context = ctx(c);
      printBackup(context.out, await runBackup(context));
    });
  cmd
    .command('list')
    .description('list local and Spaces backups, newest first')
    .action(async (_o: unknown, c: Command) => {
      const context = ctx(c);
      printList(context.out, await runList(context), context.store);
    });
  cmd
    .command('restore')
    .description(
      'restore a backup file (name, path or glob: the newest match); --dry-run only verifies',
    )
    .argument(
      '<file...>',
      'backup-YYYYMMDD-HHMMSS.tar.gz, a glob of those, or a .sql / pg_dump file',
    )
    .action(async (files: string[], _o: unknown, c: Command) => {
      const context = ctx(c);
      printRestore(context.out, await restoreGiven(context, files), context.options.namespace);
    });
  cmd
    .command('restore-spaces')
    .description('download a backup from Spaces and restore it (latest-backup.tar.gz: the newest)')
    .argument(
      '<key>',
      'object key (backups/YYYY/MM/DD/backup-….tar.gz), a backup name, or latest-backup.tar.gz',
    )
    .action(async (key: string, _o: unknown, c: Command) => {
      const context = ctx(c);
      printRestore(context.out, await restoreFromSpaces(context, key), context.options.namespace);
    });
  cmd
    .command('cleanup')
    .description('delete backups outside the retention policy (per location)')
    .option('--keep-daily <n>', 'newest backup of each of the last N days with backups', '7')
    .option('--keep-weekly <n>', 'newest backup of each of the last N ISO weeks', '4')
    .action(async (o: { keepDaily: string; keepWeekly: string }, c: Command) => {
      const context = ctx(c);
      const policy = { keepDaily: Number(o.keepDaily), keepWeekly: Number(o.keepWeekly) };
      printCleanup(context.out, await runCleanup(context, policy));
    });
}
