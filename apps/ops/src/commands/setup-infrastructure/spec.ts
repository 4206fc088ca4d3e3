import type {
  DoClusterCreate,
  DoDatabaseCreate,
  DoFirewall,
  DoFirewallRule,
  DoNodePool,
} from '../../cli/digitalocean.js';
import { DECLARED } from '../cost-monitor/architecture.js';
import type { NetworkRanges } from './ranges.js';

/** What setup-infrastructure makes: names, sizes and rules, all from one place. */
export interface InfraSpec {
  region: string;
  ranges: NetworkRanges;
  vpc: { name: string; region: string; ip_range: string; description: string };
  registry: { name: string; subscription_tier_slug: string; region: string };
  cluster: Omit<DoClusterCreate, 'vpc_uuid'>;
  postgres: Omit<DoDatabaseCreate, 'private_network_uuid'>;
  redis: Omit<DoDatabaseCreate, 'private_network_uuid'>;
  firewall: Omit<DoFirewall, 'tags'>;
  bucket: string;
}

/** Regions where DigitalOcean offers the container registry (registry_create's enum). */
const REGISTRY_REGIONS = ['nyc3', 'sfo3', 'sfo2', 'ams3', 'sgp1', 'fra1', 'blr1', 'syd1'];

const anywhere = { addresses: ['0.0.0.0/0', '::/0'] };
const open = (protocol: 'tcp' | 'udp', ports: string): DoFirewallRule => ({
  protocol,
  ports,
  sources: anywhere,
});

/** Media and gateway ports, open to the internet on every node of the cluster (tag k8s:<id>). */
export const FIREWALL_INBOUND: DoFirewallRule[] = [
  open('tcp', '443'), // HTTPS through the traefik load balancer's node ports and LiveKit's host
  open('udp', '3478'), // TURN (coturn, hostNetwork)
  open('tcp', '3478'),
  open('tcp', '5349'), // TURN over TLS
  open('tcp', '7881'), // LiveKit rtc.tcp_port (hostNetwork)
  open('udp', '50000-60000'), // LiveKit rtc.port_range
];

/** Builds the spec for `region` and `ranges` from the declared architecture. */
export function infraSpec(region: string, ranges: NetworkRanges, bucket: string): InfraSpec {
  const { general, media } = DECLARED.pools;
  const pool = (p: typeof general, taints: DoNodePool['taints'] = []): DoNodePool => ({
    name: p.name,
    size: p.size,
    count: p.count,
    auto_scale: true,
    min_nodes: p.minNodes,
    max_nodes: p.maxNodes,
    tags: ['gomeet'],
    labels: { ...p.labels },
    taints,
  });
  const db = (d: typeof DECLARED.postgres | typeof DECLARED.redis) => ({
    name: d.name,
    engine: d.engine,
    size: d.size,
    region,
    num_nodes: d.nodes,
    tags: ['gomeet'],
  });
  return {
    region,
    ranges,
    vpc: {
      name: 'gomeet-vpc',
      region,
      ip_range: ranges.vpc,
      description: 'GoMeet production (DOKS nodes, managed databases)',
    },
    registry: {
      name: DECLARED.registry.name,
      subscription_tier_slug: DECLARED.registry.tier,
      region: REGISTRY_REGIONS.includes(region) ? region : 'fra1',
    },
    cluster: {
      name: DECLARED.cluster,
      region,
      version: 'latest',
      cluster_subnet: ranges.pod,
      service_subnet: ranges.service,
      ha: DECLARED.haControlPlane,
      auto_upgrade: true,
      surge_upgrade: true,
      tags: ['gomeet'],
      node_pools: [pool(general), pool(media, [{ ...media.taint }])],
    },
    postgres: db(DECLARED.postgres),
    redis: db(DECLARED.redis),
    firewall: {
      name: 'gomeet-nodes',
      inbound_rules: FIREWALL_INBOUND,
      // DOKS adds its own firewall for node traffic; ours opens only the public ports above.
      outbound_rules: [],
    },
    bucket,
  };
}
