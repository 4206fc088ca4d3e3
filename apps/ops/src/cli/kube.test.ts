import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from './exit.js';
import { loadKube } from './kube.js';

describe('loadKube', () => {
  it('fails with exit 3 and a one-line hint when no kubeconfig exists', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'gomeet-ops-home-'));
    await expect(loadKube({ env: { HOME: home } })).rejects.toMatchObject({
      exitCode: EXIT.UNREACHABLE,
      message: expect.stringMatching(
        /^no Kubernetes cluster configured: run doctl kubernetes cluster kubeconfig save gomeet-cluster/,
      ) as unknown,
    });
  });

  it('fails with exit 3 naming the API server when the cluster does not answer', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gomeet-ops-kube-'));
    const file = path.join(dir, 'config');
    // Port 9 on loopback: nothing listens there, so the probe is refused at once.
    writeFileSync(
      file,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters: [{name: c, cluster: {server: "https://127.0.0.1:9"}}]',
        'users: [{name: u, user: {token: t}}]',
        'contexts: [{name: ctx, context: {cluster: c, user: u}}]',
        'current-context: ctx',
      ].join('\n'),
    );
    const error = await loadKube({ env: { KUBECONFIG: file }, timeoutMs: 3_000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ exitCode: EXIT.UNREACHABLE });
    expect((error as Error).message).toMatch(
      /^Kubernetes API https:\/\/127\.0\.0\.1:9 unreachable .*use --target local$/,
    );
    expect((error as Error).message).not.toContain('\n');
  });

  it('rejects an unknown --context as a usage error', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gomeet-ops-kube-'));
    const file = path.join(dir, 'config');
    writeFileSync(
      file,
      'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:9"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: ctx, context: {cluster: c, user: u}}]\ncurrent-context: ctx\n',
    );
    await expect(loadKube({ env: { KUBECONFIG: file }, context: 'prod' })).rejects.toMatchObject({
      exitCode: EXIT.USAGE,
    });
  });
});
