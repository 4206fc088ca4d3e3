import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './dockerfiles.js';

/** Where scripts/install-actionlint.sh builds the pinned actionlint. */
const ACTIONLINT = path.join(
  process.env.GOMEET_ACTIONLINT_CACHE ??
    path.join(homedir(), '.cache/gomeet-tools/actionlint-v1.7.12'),
  'actionlint',
);
const haveActionlint = existsSync(ACTIONLINT);
if (process.env.CI === 'true' && !haveActionlint)
  throw new Error(
    `actionlint is required in CI: run scripts/install-actionlint.sh (${ACTIONLINT})`,
  );
if (!haveActionlint)
  console.warn(
    `skipping actionlint: ${ACTIONLINT} is missing (bash scripts/install-actionlint.sh)`,
  );

const workflow = (name: string) =>
  readFileSync(path.join(repoRoot, '.github/workflows', name), 'utf8');

describe('GitHub workflows', () => {
  it.skipIf(!haveActionlint)('pass actionlint', async () => {
    const result = await promisify(execFile)(ACTIONLINT, ['-no-color'], {
      cwd: repoRoot,
      timeout: 60_000,
    }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: Error & { code?: number; stdout?: string }) => ({
        code: error.code ?? 1,
        stdout: error.stdout || error.message,
      }),
    );
    expect(result.stdout).toBe('');
    expect(result.code).toBe(0);
  });

  it('deploy runs the runbook scripts, which exist and are executable', () => {
    const deploy = workflow('deploy.yml');
    for (const script of ['build-images.sh', 'master-deploy.sh']) {
      expect(deploy).toContain(`./deployment/digitalocean/${script}`);
      const file = path.join(repoRoot, 'deployment/digitalocean', script);
      expect(() => accessSync(file, constants.X_OK), script).not.toThrow();
    }
  });

  it('deploy uses the runbook secret names', () => {
    const deploy = workflow('deploy.yml');
    for (const secret of [
      'DIGITALOCEAN_TOKEN',
      'DIGITALOCEAN_ACCESS_TOKEN',
      'KUBE_CONFIG_STAGING',
      'KUBE_CONFIG_PRODUCTION',
      'SLACK_WEBHOOK_URL',
    ]) {
      expect(deploy).toContain(`secrets.${secret}`);
    }
  });

  it('ci runs the same entry point as the CI machine', () => {
    expect(workflow('ci.yml')).toContain('bash .ci/run');
  });
});
