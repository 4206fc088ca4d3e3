import {
  BUDGET,
  capacityAssumptions,
  participantsPerNode,
  platformNeeds,
  sfuVcpuPerParticipant,
} from '../../capacity/index.js';
import { estimateCost, runbookArchitecture, type Architecture, type Traffic } from './model.js';
import type { PriceTable } from './prices.js';

/** Inputs of `cost-monitor plan`. */
export interface PlanInput {
  participants: number;
  perMeeting: number;
  downstreamMbps: number;
  hoursPerDay: number;
  daysPerMonth: number;
  /** SFU CPU per participant at the given downstream rate (an assumption, printed). */
  sfuVcpuPerParticipant: number;
  /** vCPU for everything that is not the SFU: our services, Traefik, monitoring. */
  platformVcpu: number;
  /** Share of CPU and of the network cap a node may use at peak. */
  targetUtilization: number;
  sizes: string[];
}

/** Defaults of `plan`: SFU CPU and platform vCPU come from the capacity model (bench/ figures). */
export const PLAN_DEFAULTS = {
  downstreamMbps: 1.5,
  hoursPerDay: 8,
  daysPerMonth: 30,
  sfuVcpuPerParticipant: sfuVcpuPerParticipant(1.5),
  platformVcpu: platformNeeds(50_000).vcpu,
  targetUtilization: BUDGET.targetUtilization,
  sizes: ['c-32', 'c-32-intel'],
};

/** One node size's answer: how many nodes, which limit binds, what it costs. */
export interface PlanOption {
  size: string;
  vcpus: number;
  networkGbps: number;
  nodesByCpu: number;
  nodesByNetwork: number;
  nodes: number;
  limitedBy: 'cpu' | 'network';
  /** Participants one node of this size carries (capacity model, SFU only). */
  participantsPerNode: number;
  monthlyUsd: number;
  egressMonthlyUsd: number;
  costPerParticipantHourUsd: number;
}

/** The capacity plan: meetings, peak demand, and one option per node size. */
export interface Plan {
  input: PlanInput;
  meetings: number;
  peakEgressGbps: number;
  sfuVcpu: number;
  meetingFitsOneNode: boolean;
  options: PlanOption[];
  assumptions: string[];
}

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

/** The demand of a crowd, sized on one node size. */
type Sizing = Omit<PlanInput, 'sizes'>;

function trafficOf(input: Sizing): Traffic {
  return {
    participants: input.participants,
    downstreamMbps: input.downstreamMbps,
    hoursPerDay: input.hoursPerDay,
    daysPerMonth: input.daysPerMonth,
  };
}

/** Nodes of `size` by CPU (SFU + platform vCPU) and by network cap; at least 3. */
function nodesOf(input: Sizing, size: string, prices: PriceTable) {
  const d = prices.droplets[size];
  if (!d) throw new Error(`no price for droplet size "${size}"`);
  const sfuVcpu = input.participants * input.sfuVcpuPerParticipant;
  const peakEgressGbps = (input.participants * input.downstreamMbps) / 1000;
  const nodesByCpu = Math.ceil(
    (sfuVcpu + input.platformVcpu) / (d.vcpus * input.targetUtilization),
  );
  const nodesByNetwork = Math.ceil(peakEgressGbps / (d.networkGbps * input.targetUtilization));
  return { droplet: d, nodesByCpu, nodesByNetwork, nodes: Math.max(nodesByCpu, nodesByNetwork, 3) };
}

/**
 * The capacity model's cluster for a crowd on nodes of `size`: the node count the plan finds,
 * with the data tier, load balancer, registry and Spaces of the runbook. What `report` and
 * `alert` price, so that they follow the measurements rather than the runbook's six nodes.
 */
export function modelArchitecture(input: Sizing, size: string, prices: PriceTable): Architecture {
  const { nodes } = nodesOf(input, size, prices);
  const arch = runbookArchitecture(trafficOf(input));
  return {
    ...arch,
    nodePool: {
      size,
      count: nodes,
      minCount: 3,
      maxCount: Math.max(nodes, arch.nodePool.maxCount),
    },
  };
}

/** Sizes the cluster for `input` by CPU and by each droplet's network cap, and prices it. */
export function planCapacity(input: PlanInput, prices: PriceTable): Plan {
  const peakEgressGbps = (input.participants * input.downstreamMbps) / 1000;
  const sfuVcpu = input.participants * input.sfuVcpuPerParticipant;
  const participantHours = input.participants * input.hoursPerDay * input.daysPerMonth;
  let fits = true;
  const options = input.sizes.map((size): PlanOption => {
    const { droplet: d, nodesByCpu, nodesByNetwork, nodes } = nodesOf(input, size, prices);
    // A LiveKit room lives on one node, so the largest meeting must fit one node's share.
    if (input.perMeeting * input.downstreamMbps > d.networkGbps * 1000 * input.targetUtilization)
      fits = false;
    const estimate = estimateCost(modelArchitecture(input, size, prices), prices);
    return {
      size,
      vcpus: d.vcpus,
      networkGbps: d.networkGbps,
      nodesByCpu,
      nodesByNetwork,
      nodes,
      limitedBy: nodesByNetwork > nodesByCpu ? 'network' : 'cpu',
      participantsPerNode: participantsPerNode(d, {
        perMeeting: input.perMeeting,
        downstreamMbps: input.downstreamMbps,
      }).participants,
      monthlyUsd: estimate.totalMonthlyUsd,
      egressMonthlyUsd: estimate.egress.monthlyUsd,
      costPerParticipantHourUsd: round(estimate.totalMonthlyUsd / participantHours, 4),
    };
  });
  return {
    input,
    meetings: Math.ceil(input.participants / input.perMeeting),
    peakEgressGbps: round(peakEgressGbps),
    sfuVcpu: round(sfuVcpu),
    meetingFitsOneNode: fits,
    options,
    assumptions: [
      input.sfuVcpuPerParticipant === sfuVcpuPerParticipant(input.downstreamMbps)
        ? capacityAssumptions(input.downstreamMbps)[0]!
        : `SFU CPU: ${input.sfuVcpuPerParticipant} vCPU per participant at ${input.downstreamMbps} Mbps down (given with --sfu-vcpu-per-participant; the capacity model says ${sfuVcpuPerParticipant(input.downstreamMbps)})`,
      `plus ${input.platformVcpu} vCPU for the other services; nodes run at most ${input.targetUtilization * 100}% of CPU and of their network cap`,
      capacityAssumptions(input.downstreamMbps)[1]!,
      'network caps per droplet: 2 Gbps regular, 10 Gbps premium (-intel/-amd); nodes provisioned for the peak all month, at least 3',
      'data tier, load balancer, registry and Spaces as in the runbook architecture',
    ],
  };
}
