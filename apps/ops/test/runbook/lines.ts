/**
 * The seed runbook's 57 distinct script command lines (../shared/seeds/000_02f06d4dd137d9e8.txt,
 * `grep -o '\./deployment/digitalocean/[a-z-]*\.sh[^`]*' | sed 's/[[:space:]]*$//' | sort -u`),
 * verbatim, with the test that runs each and how. The seed is not in the repository at run time,
 * so the list is committed here; catalogue.test.ts checks it against the seed when the seed is
 * beside the clone, and checks that each named test really runs its line.
 */

/** The nine runbook scripts in deployment/digitalocean/. */
export const SCRIPTS = [
  'backup-restore.sh',
  'build-images.sh',
  'cost-monitor.sh',
  'health-check.sh',
  'master-deploy.sh',
  'rolling-update.sh',
  'scale-services.sh',
  'setup-infrastructure.sh',
  'setup-secrets.sh',
] as const;
export type Script = (typeof SCRIPTS)[number];

/**
 * How a test exercises the line:
 * - `as-written`: exactly the line's words, from the repo root, through the wrapper;
 * - `shell`: the line as written through `bash -c` (it has a pipe, a `$(…)` or a redirect);
 * - `interrupted`: as written, stopped with SIGINT after its first report (it runs until Ctrl-C);
 * - `refused`: as written; the docs say the command refuses it, and the refusal is checked;
 * - `dry-run`: the test adds `--dry-run` (in `adds`) because the line would touch a cloud or
 *   build with Docker;
 * - `bounded`: the test adds a bound (in `adds`) so a long wait cannot stall the suite.
 */
export type Mode = 'as-written' | 'shell' | 'interrupted' | 'refused' | 'dry-run' | 'bounded';

export interface RunbookLine {
  /** Verbatim from the seed. */
  line: string;
  script: Script;
  mode: Mode;
  /** What the line runs against in the test. */
  against: string;
  /** The test file, from the repository root. */
  test: string;
  /**
   * When the test does not spell the line out verbatim: the call in its source that runs it
   * (compared without whitespace). Its string literals (those of its first `[…]` if it has one)
   * are the line's words after the script, in order, plus exactly `adds`.
   */
  call?: string;
  /** Words the test adds to the line (dry-run and bounded modes). */
  adds?: string[];
  /** Where the test's helper adds `adds` when `call` does not show them (source text). */
  helper?: string;
}

const D = './deployment/digitalocean/';
const REMAINING = 'apps/ops/test/runbook/remaining-lines.test.ts';
const CLUSTER = 'the test control plane with the production overlay';
const DO_API = 'the DigitalOcean API replay server (DIGITALOCEAN_API_URL)';
const BACKUP_ENV = `${CLUSTER}, real PostgreSQL and Redis, Spaces on a loopback S3 server (s3rver)`;

const BUILD = 'apps/ops/test/build-images/build-images.test.ts';
const BUILD_HELPER = "[...line, '--dry-run', '--format', 'json']";
const HEALTH_COST = 'apps/ops/test/health-cost-scripts.test.ts';
const HEALTH_CLUSTER = 'apps/ops/test/health-check/cluster-target.test.ts';
const MASTER = 'apps/ops/test/master-deploy/runbook-lines.test.ts';
const ROLLING = 'apps/ops/test/rolling-update/rolling-update.test.ts';
const SCALE = 'apps/ops/test/scale-services/scale-services.test.ts';
const INFRA = 'apps/ops/test/setup-infrastructure/runbook-lines.test.ts';
const SECRETS = 'apps/ops/test/setup-secrets.test.ts';
const GOMEET_CLUSTER = 'the test control plane with every GoMeet Deployment (gomeet-cluster.ts)';

export const RUNBOOK_LINES: RunbookLine[] = [
  // backup-restore.sh: all in remaining-lines (the other backup tests call the CLI in-process).
  {
    line: `${D}backup-restore.sh --dry-run restore backup-$(date -d '1 day ago' +%Y%m%d)-*.tar.gz`,
    script: 'backup-restore.sh',
    mode: 'shell',
    against: BACKUP_ENV,
    test: REMAINING,
  },
  {
    line: `${D}backup-restore.sh --namespace gomeet restore postgres-backup-20231025.sql`,
    script: 'backup-restore.sh',
    mode: 'as-written',
    against: `${BACKUP_ENV}; the .sql file in BACKUP_DIR`,
    test: REMAINING,
  },
  {
    line: `${D}backup-restore.sh --namespace gomeet-dr-test restore-spaces $(aws s3 ls s3://gomeet-backups/backups/ --recursive | sort | tail -n 1 | awk '{print $4}')`,
    script: 'backup-restore.sh',
    mode: 'shell',
    against: `${BACKUP_ENV}; aws (the real CLI when installed, else a named fake) with AWS_ENDPOINT_URL`,
    test: REMAINING,
  },
  {
    line: `${D}backup-restore.sh backup`,
    script: 'backup-restore.sh',
    mode: 'as-written',
    against: BACKUP_ENV,
    test: REMAINING,
  },
  {
    line: `${D}backup-restore.sh cleanup`,
    script: 'backup-restore.sh',
    mode: 'as-written',
    against: BACKUP_ENV,
    test: REMAINING,
  },
  {
    line: `${D}backup-restore.sh list`,
    script: 'backup-restore.sh',
    mode: 'as-written',
    against: BACKUP_ENV,
    test: REMAINING,
  },
  {
    line: `${D}backup-restore.sh list | grep "$(date -d '1 day ago' +%Y%m%d)"`,
    script: 'backup-restore.sh',
    mode: 'shell',
    against: BACKUP_ENV,
    test: REMAINING,
  },
  {
    line: `${D}backup-restore.sh restore backup-20231025-120000.tar.gz`,
    script: 'backup-restore.sh',
    mode: 'as-written',
    against: BACKUP_ENV,
    test: REMAINING,
  },
  {
    line: `${D}backup-restore.sh restore-spaces $(aws s3 ls s3://gomeet-backups/backups/ --recursive | sort | tail -n 5 | head -n 1 | awk '{print $4}')`,
    script: 'backup-restore.sh',
    mode: 'shell',
    against: `${BACKUP_ENV}; aws (the real CLI when installed, else a named fake) with AWS_ENDPOINT_URL`,
    test: REMAINING,
  },
  {
    line: `${D}backup-restore.sh restore-spaces backups/2023/10/25/backup-20231025-120000.tar.gz`,
    script: 'backup-restore.sh',
    mode: 'as-written',
    against: BACKUP_ENV,
    test: REMAINING,
  },
  {
    line: `${D}backup-restore.sh restore-spaces latest-backup.tar.gz`,
    script: 'backup-restore.sh',
    mode: 'as-written',
    against: BACKUP_ENV,
    test: REMAINING,
  },

  // build-images.sh: the plan of each line (a real build needs a Docker engine and pushes).
  {
    line: `${D}build-images.sh`,
    script: 'build-images.sh',
    mode: 'dry-run',
    against: 'no Docker engine needed',
    test: BUILD,
    call: 'plan([])',
    adds: ['--dry-run', '--format', 'json'],
    helper: BUILD_HELPER,
  },
  {
    line: `${D}build-images.sh --parallel 8`,
    script: 'build-images.sh',
    mode: 'dry-run',
    against: 'no Docker engine needed',
    test: BUILD,
    call: "plan(['--parallel', '8'])",
    adds: ['--dry-run', '--format', 'json'],
    helper: BUILD_HELPER,
  },
  {
    line: `${D}build-images.sh --services auth-service,meeting-service`,
    script: 'build-images.sh',
    mode: 'dry-run',
    against: 'no Docker engine needed',
    test: BUILD,
    call: "plan(['--services', 'auth-service,meeting-service'])",
    adds: ['--dry-run', '--format', 'json'],
    helper: BUILD_HELPER,
  },
  {
    line: `${D}build-images.sh --tag v1.2.3`,
    script: 'build-images.sh',
    mode: 'dry-run',
    against: 'no Docker engine needed',
    test: BUILD,
    call: "plan(['--tag', 'v1.2.3'])",
    adds: ['--dry-run', '--format', 'json'],
    helper: BUILD_HELPER,
  },
  {
    line: `${D}build-images.sh --update-base-images`,
    script: 'build-images.sh',
    mode: 'dry-run',
    against: 'no Docker engine needed',
    test: BUILD,
    call: "plan(['--update-base-images'])",
    adds: ['--dry-run', '--format', 'json'],
    helper: BUILD_HELPER,
  },

  // cost-monitor.sh
  {
    line: `${D}cost-monitor.sh --budget 35000 monitor`,
    script: 'cost-monitor.sh',
    mode: 'as-written',
    against: 'no token: the declared architecture',
    test: HEALTH_COST,
    call: "script(['./deployment/digitalocean/cost-monitor.sh', '--budget', '35000', 'monitor'])",
  },
  {
    line: `${D}cost-monitor.sh --email admin@example.com alert`,
    script: 'cost-monitor.sh',
    mode: 'as-written',
    against: `${DO_API} (over-budget balance), a loopback SMTP server (SMTP_URL)`,
    test: REMAINING,
  },
  {
    line: `${D}cost-monitor.sh --format json report`,
    script: 'cost-monitor.sh',
    mode: 'as-written',
    against: 'no token: the declared architecture',
    test: HEALTH_COST,
    call: "script(['./deployment/digitalocean/cost-monitor.sh', '--format', 'json', 'report'])",
  },
  {
    line: `${D}cost-monitor.sh --historical-days 30 report`,
    script: 'cost-monitor.sh',
    mode: 'as-written',
    against: `${DO_API} (billing history)`,
    test: REMAINING,
  },
  {
    line: `${D}cost-monitor.sh alert`,
    script: 'cost-monitor.sh',
    mode: 'as-written',
    against: `${DO_API} (over-budget balance)`,
    test: REMAINING,
  },
  {
    line: `${D}cost-monitor.sh efficiency`,
    script: 'cost-monitor.sh',
    mode: 'as-written',
    against: `${CLUSTER} (no metrics-server)`,
    test: REMAINING,
  },
  {
    line: `${D}cost-monitor.sh monitor`,
    script: 'cost-monitor.sh',
    mode: 'as-written',
    against: `${DO_API} (recorded inventory, over-budget balance)`,
    test: REMAINING,
  },

  // health-check.sh
  {
    line: `${D}health-check.sh --continuous 300 check`,
    script: 'health-check.sh',
    mode: 'interrupted',
    against: CLUSTER,
    test: REMAINING,
  },
  {
    line: `${D}health-check.sh --continuous 60 check`,
    script: 'health-check.sh',
    mode: 'interrupted',
    against: CLUSTER,
    test: REMAINING,
  },
  {
    line: `${D}health-check.sh --format json check`,
    script: 'health-check.sh',
    mode: 'as-written',
    against: 'the test control plane with the production overlay (cluster-target.test.ts)',
    test: HEALTH_CLUSTER,
    call: "runLine(cluster, [SCRIPT, '--format', 'json', 'check'])",
  },
  {
    line: `${D}health-check.sh --format json check > incident-report-$(date +%Y%m%d).json`,
    script: 'health-check.sh',
    mode: 'shell',
    against: CLUSTER,
    test: REMAINING,
  },
  {
    line: `${D}health-check.sh --namespace gomeet-dr-test check`,
    script: 'health-check.sh',
    mode: 'as-written',
    against: 'no cluster configured (exit 3 with the hint)',
    test: HEALTH_COST,
    call: "script(['./deployment/digitalocean/health-check.sh', '--namespace', 'gomeet-dr-test', 'check'])",
  },
  {
    line: `${D}health-check.sh --slack-webhook https://hooks.slack.com/... check`,
    script: 'health-check.sh',
    mode: 'as-written',
    against: `${CLUSTER}; Slack through a loopback HTTPS proxy that records and refuses the CONNECT`,
    test: REMAINING,
  },
  {
    line: `${D}health-check.sh check`,
    script: 'health-check.sh',
    mode: 'as-written',
    against: CLUSTER,
    test: REMAINING,
  },
  {
    line: `${D}health-check.sh performance`,
    script: 'health-check.sh',
    mode: 'as-written',
    against: `${CLUSTER} (no metrics-server, no PROMETHEUS_URL)`,
    test: REMAINING,
  },
  {
    line: `${D}health-check.sh services`,
    script: 'health-check.sh',
    mode: 'as-written',
    against: 'the test control plane with the production overlay (cluster-target.test.ts)',
    test: HEALTH_CLUSTER,
    call: "runLine(cluster, [SCRIPT, 'services'])",
  },

  // master-deploy.sh
  {
    line: `${D}master-deploy.sh`,
    script: 'master-deploy.sh',
    mode: 'as-written',
    against: `${CLUSTER}, ${DO_API}, no Docker engine (DOCKER_HOST points nowhere)`,
    test: REMAINING,
  },
  {
    line: `${D}master-deploy.sh --dry-run`,
    script: 'master-deploy.sh',
    mode: 'as-written',
    against: 'no cluster, no token',
    test: MASTER,
    call: "script(['--dry-run'])",
  },
  {
    line: `${D}master-deploy.sh --environment production`,
    script: 'master-deploy.sh',
    mode: 'dry-run',
    against: 'no cluster, no token',
    test: MASTER,
    call: "script(['--environment', 'production', '--dry-run', '--format', 'json'])",
    adds: ['--dry-run', '--format', 'json'],
  },
  {
    line: `${D}master-deploy.sh --verbose`,
    script: 'master-deploy.sh',
    mode: 'as-written',
    against: 'no cluster, no token (stops at prerequisites naming DIGITALOCEAN_TOKEN)',
    test: MASTER,
    call: "script(['--verbose'])",
  },

  // rolling-update.sh
  {
    line: `${D}rolling-update.sh --strategy blue-green update api-service v2.0.0`,
    script: 'rolling-update.sh',
    mode: 'refused',
    against: GOMEET_CLUSTER,
    test: ROLLING,
    call: "roll('--strategy', 'blue-green', 'update', 'api-service', 'v2.0.0')",
  },
  {
    line: `${D}rolling-update.sh --strategy canary update livekit-sfu v2.1.0`,
    script: 'rolling-update.sh',
    mode: 'bounded',
    against: GOMEET_CLUSTER,
    test: ROLLING,
    call: "roll('--strategy', 'canary', 'update', 'livekit-sfu', 'v2.1.0', '--timeout', '120')",
    adds: ['--timeout', '120'],
  },
  {
    line: `${D}rolling-update.sh --strategy rolling update auth-service latest`,
    script: 'rolling-update.sh',
    mode: 'refused',
    against: GOMEET_CLUSTER,
    test: ROLLING,
    call: "roll('--strategy', 'rolling', 'update', 'auth-service', 'latest')",
  },
  {
    line: `${D}rolling-update.sh rollback auth-service`,
    script: 'rolling-update.sh',
    mode: 'as-written',
    against: `${CLUSTER}, after kubectl set image gave auth-service a second revision`,
    test: REMAINING,
  },
  {
    line: `${D}rolling-update.sh rollback meeting-service`,
    script: 'rolling-update.sh',
    mode: 'as-written',
    against: GOMEET_CLUSTER,
    test: ROLLING,
    call: "roll('rollback', 'meeting-service')",
  },
  {
    line: `${D}rolling-update.sh status`,
    script: 'rolling-update.sh',
    mode: 'as-written',
    against: GOMEET_CLUSTER,
    test: ROLLING,
    call: "roll('status')",
  },
  {
    line: `${D}rolling-update.sh update auth-service latest`,
    script: 'rolling-update.sh',
    mode: 'refused',
    against: CLUSTER,
    test: REMAINING,
  },
  {
    line: `${D}rolling-update.sh update auth-service v1.2.3`,
    script: 'rolling-update.sh',
    mode: 'as-written',
    against: GOMEET_CLUSTER,
    test: ROLLING,
    call: "roll('update', 'auth-service', 'v1.2.3')",
  },

  // scale-services.sh
  {
    line: `${D}scale-services.sh auto`,
    script: 'scale-services.sh',
    mode: 'as-written',
    against: GOMEET_CLUSTER,
    test: SCALE,
    call: "scale('auto')",
  },
  {
    line: `${D}scale-services.sh auto --optimize`,
    script: 'scale-services.sh',
    mode: 'as-written',
    against: `${CLUSTER} (no metrics-server, no PROMETHEUS_URL: exit 3 saying so)`,
    test: REMAINING,
  },
  {
    line: `${D}scale-services.sh create-hpa livekit-sfu`,
    script: 'scale-services.sh',
    mode: 'as-written',
    against: GOMEET_CLUSTER,
    test: SCALE,
    call: "scale('create-hpa', 'livekit-sfu')",
  },
  {
    line: `${D}scale-services.sh enable-cluster-autoscaler`,
    script: 'scale-services.sh',
    mode: 'as-written',
    against: DO_API,
    test: REMAINING,
  },
  {
    line: `${D}scale-services.sh manual auth-service 20`,
    script: 'scale-services.sh',
    mode: 'as-written',
    against: GOMEET_CLUSTER,
    test: SCALE,
    call: "scale('manual', 'auth-service', '20')",
  },
  {
    line: `${D}scale-services.sh manual livekit-sfu 50`,
    script: 'scale-services.sh',
    mode: 'as-written',
    against: `${GOMEET_CLUSTER}, no token (exit 2, nothing changed; its --dry-run plan too)`,
    test: SCALE,
    call: "scale('manual', 'livekit-sfu', '50')",
  },

  // setup-infrastructure.sh
  {
    line: `${D}setup-infrastructure.sh`,
    script: 'setup-infrastructure.sh',
    mode: 'as-written',
    against: `${DO_API} (empty account: creates everything)`,
    test: INFRA,
    call: "line([], await withApi('digitalocean-account-empty.json'))",
  },
  {
    line: `${D}setup-infrastructure.sh --plan-expansion`,
    script: 'setup-infrastructure.sh',
    mode: 'as-written',
    against: `${DO_API} (recorded account)`,
    test: INFRA,
    call: "line(['--plan-expansion'], await withApi('digitalocean-account-gomeet.json'))",
  },
  {
    line: `${D}setup-infrastructure.sh --skip-database`,
    script: 'setup-infrastructure.sh',
    mode: 'dry-run',
    against: `${DO_API} (empty account)`,
    test: INFRA,
    call: "line(['--skip-database', '--dry-run', '--format', 'json'], await withApi('digitalocean-account-empty.json'))",
    adds: ['--dry-run', '--format', 'json'],
  },
  {
    line: `${D}setup-infrastructure.sh --skip-redis`,
    script: 'setup-infrastructure.sh',
    mode: 'dry-run',
    against: `${DO_API} (recorded account)`,
    test: INFRA,
    call: "line(['--skip-redis', '--dry-run', '--format', 'json'], await withApi('digitalocean-account-gomeet.json'))",
    adds: ['--dry-run', '--format', 'json'],
  },

  // setup-secrets.sh
  {
    line: `${D}setup-secrets.sh`,
    script: 'setup-secrets.sh',
    mode: 'as-written',
    against: 'the test control plane with the production overlay (setup-secrets.test.ts)',
    test: SECRETS,
    call: 'runLine(cluster, [SCRIPT], MANAGED)',
  },
  {
    line: `${D}setup-secrets.sh --database`,
    script: 'setup-secrets.sh',
    mode: 'as-written',
    against: 'the test control plane with the production overlay (setup-secrets.test.ts)',
    test: SECRETS,
    call: "runLine(cluster, [SCRIPT, '--database'])",
  },
  {
    line: `${D}setup-secrets.sh --rotate`,
    script: 'setup-secrets.sh',
    mode: 'as-written',
    against: 'the test control plane with the production overlay (setup-secrets.test.ts)',
    test: SECRETS,
    call: "runLine(cluster, [SCRIPT, '--rotate'])",
  },
];
