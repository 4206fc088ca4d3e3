import type { CheckContext } from './check-context.js';
import { clusterReadyzChecks } from './checks/cluster-readyz.js';
import { deploymentChecks } from './checks/deployments.js';
import { livekitChecks } from './checks/livekit.js';
import { loadBalancerChecks } from './checks/load-balancer.js';
import { eventChecks, podChecks } from './checks/pods.js';
import { fetchLocalReadiness, localBaseUrl, localServerChecks } from './checks/local-server.js';
import { performanceChecks } from './checks/performance.js';
import { postgresChecks } from './checks/postgres.js';
import { redisChecks } from './checks/redis.js';
import { resourceChecks } from './checks/resources.js';
import { securityChecks } from './checks/security.js';
import { tlsChecks } from './checks/tls-certificate.js';
import { guarded, type CheckResult } from './report.js';

/** Which checks a subcommand runs: `check` all, `services` the service/data/media ones, `performance` the rest. */
export type Scope = 'check' | 'services' | 'performance';

async function serviceChecks(
  ctx: CheckContext,
): Promise<{ checks: CheckResult[]; ctx: CheckContext }> {
  if (!ctx.cluster) {
    const readiness = await fetchLocalReadiness(ctx);
    return {
      checks: localServerChecks(readiness, localBaseUrl(ctx.env)),
      ctx: { ...ctx, readiness },
    };
  }
  const cluster = ctx.cluster;
  const deployments = await guarded('deployments', 'services', () =>
    deploymentChecks(cluster, ctx.namespace),
  );
  const readyz = await clusterReadyzChecks(cluster, ctx.namespace, ctx.timeoutMs);
  const pods = await guarded('pods', 'services', () => podChecks(cluster, ctx.namespace));
  const events = await guarded('events', 'services', () =>
    eventChecks(cluster, ctx.namespace, ctx.now()),
  );
  return {
    checks: [...deployments, ...readyz.checks, ...pods, ...events],
    ctx: readyz.readiness ? { ...ctx, readiness: readyz.readiness } : ctx,
  };
}

/** Runs the checks of `scope`; independent groups run concurrently, results keep a fixed order. */
export async function runChecks(scope: Scope, base: CheckContext): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  let ctx = base;
  if (scope !== 'performance') {
    const services = await serviceChecks(base);
    ctx = services.ctx;
    results.push(...services.checks);
    const groups = await Promise.all([
      guarded('postgresql', 'data', () => postgresChecks(ctx)),
      guarded('redis', 'data', () => redisChecks(ctx)),
      guarded('livekit', 'media', () => livekitChecks(ctx)),
    ]);
    results.push(...groups.flat());
  }
  if (scope === 'check') {
    const groups = await Promise.all([
      guarded('load-balancer', 'network', () => loadBalancerChecks(ctx.cluster, ctx.namespace)),
      guarded('tls-certificate', 'network', () => tlsChecks(ctx)),
    ]);
    results.push(...groups.flat());
  }
  if (scope !== 'services') {
    const groups = await Promise.all([
      guarded('pod-resources', 'resources', () => resourceChecks(ctx.cluster, ctx.namespace)),
      guarded('performance', 'performance', () => performanceChecks(ctx)),
    ]);
    results.push(...groups.flat());
  }
  if (scope === 'check')
    results.push(
      ...(await guarded('security', 'security', () => securityChecks(ctx.cluster, ctx.namespace))),
    );
  return results;
}
