import { estimateCost, runbookArchitecture, type Estimate } from './model.js';
import type { PriceTable } from './prices.js';

/** The runbook's figure ("Estimated monthly cost: $27,048"); it gives no breakdown. */
export const RUNBOOK_MONTHLY_USD = 27_048;

/** How the runbook's figure compares with our estimate of its own architecture. */
export interface RunbookComparison {
  runbookMonthlyUsd: number;
  estimate: Estimate;
  /** Our estimate without egress, which is all the runbook's list of components covers. */
  infrastructureMonthlyUsd: number;
  /** The same with the node pool at its autoscaling maximum. */
  infrastructureAtMaxNodesUsd: number;
  egressMonthlyUsd: number;
  totalWithEgressUsd: number;
  leftOut: string[];
}

/** Prices the runbook's architecture and sets it against the runbook's $27,048. */
export function compareWithRunbook(prices: PriceTable): RunbookComparison {
  const arch = runbookArchitecture();
  const estimate = estimateCost(arch, prices);
  const atMax = estimateCost(
    { ...arch, nodePool: { ...arch.nodePool, count: arch.nodePool.maxCount } },
    prices,
  );
  return {
    runbookMonthlyUsd: RUNBOOK_MONTHLY_USD,
    estimate,
    infrastructureMonthlyUsd: estimate.infrastructureMonthlyUsd,
    infrastructureAtMaxNodesUsd: atMax.infrastructureMonthlyUsd,
    egressMonthlyUsd: estimate.egress.monthlyUsd,
    totalWithEgressUsd: estimate.totalMonthlyUsd,
    leftOut: [
      `egress: ${estimate.egress.totalGiB.toLocaleString('en-US')} GiB/month of video to participants, $${estimate.egress.monthlyUsd.toLocaleString('en-US')} after the pooled allowance — the largest cost of all, absent from the runbook`,
      'the runbook gives no breakdown; its figure matches neither its 6 nodes nor its autoscaling maximum at list prices',
      'TURN relay traffic (counted in egress only if relayed participants are included), Prometheus/Grafana storage, backups in Spaces beyond 250 GiB, taxes',
    ],
  };
}
