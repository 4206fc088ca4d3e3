import { describe, expect, it } from 'vitest';
import { egressGiB, estimateCost, runbookArchitecture } from './model.js';
import { PLAN_DEFAULTS, modelArchitecture, planCapacity } from './plan.js';
import { loadPriceTable, withApiDroplets } from './prices.js';
import { compareWithRunbook, RUNBOOK_MONTHLY_USD } from './runbook-comparison.js';

const prices = loadPriceTable();

describe('cost model arithmetic on the repo price table', () => {
  it('turns participants × Mbps × hours into GiB of egress', () => {
    // 50,000 × 1.5 Mbps = 9.375 GB/s; × 8 h × 30 days = 8.1e15 bytes = 7,543,713.5 GiB.
    expect(
      Math.round(
        egressGiB({ participants: 50_000, downstreamMbps: 1.5, hoursPerDay: 8, daysPerMonth: 30 }),
      ),
    ).toBe(7_543_713);
    expect(
      egressGiB({ participants: 1, downstreamMbps: 8, hoursPerDay: 1, daysPerMonth: 1 }),
    ).toBeCloseTo(3600 / 1.073741824 / 1000, 6);
  });

  it('prices the runbook architecture line by line', () => {
    const e = estimateCost(runbookArchitecture(), prices);
    expect(e.lines.map((l) => l.monthlyUsd)).toEqual([
      6 * 672,
      40,
      3 * 960,
      3 * 480,
      12,
      20,
      5,
      50,
      74_884.17,
    ]);
    expect(e.infrastructureMonthlyUsd).toBe(8479);
    expect(e.egress).toEqual({
      totalGiB: 7_543_713,
      allowanceGiB: 6 * 9 * 1024,
      billableGiB: 7_488_417,
      monthlyUsd: 74_884.17,
    });
    expect(e.totalMonthlyUsd).toBe(83_363.17);
    expect(e.assumptions.join('\n')).toMatch(/NOT yet re-checked/);
  });

  it('shows that egress, which the runbook leaves out, dominates its $27,048', () => {
    const c = compareWithRunbook(prices);
    expect(c.runbookMonthlyUsd).toBe(RUNBOOK_MONTHLY_USD);
    expect(c.infrastructureAtMaxNodesUsd).toBe(8479 + 14 * 672);
    expect(c.egressMonthlyUsd).toBeGreaterThan(c.runbookMonthlyUsd);
    expect(c.leftOut[0]).toMatch(/^egress: 7,543,713 GiB\/month/);
  });

  it('covers no egress when the pooled allowance exceeds the traffic', () => {
    const e = estimateCost(runbookArchitecture({ participants: 10, hoursPerDay: 1 }), prices);
    expect(e.egress.billableGiB).toBe(0);
    expect(e.totalMonthlyUsd).toBe(e.infrastructureMonthlyUsd);
  });

  it('plans 50,000 participants by CPU and by the network cap of each droplet', () => {
    const plan = planCapacity({ ...PLAN_DEFAULTS, participants: 50_000, perMeeting: 500 }, prices);
    expect(plan).toMatchObject({
      meetings: 100,
      peakEgressGbps: 75,
      // capacity model: 1.5 Mbps / 289 Mbps per core (LiveKit's livestream run) + 0.5 mcores per connection.
      sfuVcpu: 285,
      meetingFitsOneNode: true,
    });
    const [regular, premium] = plan.options;
    // (285 + 28 platform) vCPU / (32 × 0.7) → 14 nodes; 75 Gbps / (2 Gbps × 0.7) → 54 nodes.
    expect(regular).toMatchObject({
      size: 'c-32',
      nodesByCpu: 14,
      nodesByNetwork: 54,
      nodes: 54,
      limitedBy: 'network',
    });
    expect(regular?.monthlyUsd).toBe(54 * 672 + 4447 + 70_460.49);
    expect(regular?.costPerParticipantHourUsd).toBe(0.0093);
    expect(premium).toMatchObject({
      size: 'c-32-intel',
      nodesByNetwork: 11,
      nodes: 14,
      limitedBy: 'cpu',
    });
  });

  it("gives report and alert the plan's cluster, not the runbook's six nodes", () => {
    const input = { ...PLAN_DEFAULTS, participants: 50_000, perMeeting: 500 };
    const arch = modelArchitecture(input, 'c-32-intel', prices);
    expect(arch.nodePool).toMatchObject({ size: 'c-32-intel', count: 14 });
    const [premium] = planCapacity({ ...input, sizes: ['c-32-intel'] }, prices).options;
    expect(estimateCost(arch, prices).totalMonthlyUsd).toBe(premium?.monthlyUsd);
    // A crowd too small to need three nodes still gets three (availability).
    expect(modelArchitecture({ ...input, participants: 100 }, 'c-32', prices).nodePool.count).toBe(
      3,
    );
  });

  it('flags a meeting too large for one node', () => {
    const plan = planCapacity(
      { ...PLAN_DEFAULTS, participants: 5000, perMeeting: 2000, sizes: ['c-32'] },
      prices,
    );
    expect(plan.meetingFitsOneNode).toBe(false);
  });

  it('prefers droplet prices from the DigitalOcean API over the table', () => {
    const merged = withApiDroplets(prices, {
      'c-32': { vcpus: 32, memoryGiB: 64, priceMonthly: 700, priceHourly: 1.04, transferTiB: 9 },
    });
    const e = estimateCost(runbookArchitecture(), merged);
    expect(e.lines[0]).toMatchObject({ monthlyUsd: 4200, priceSource: 'digitalocean-api' });
  });
});
