// Resource shapes of the DigitalOcean API v2, only the fields gomeet-ops reads or writes.
// Field names follow DO's public OpenAPI spec (github.com/digitalocean/openapi).

/** A VPC (`GET /v2/vpcs`). */
export interface DoVpc {
  id: string;
  name: string;
  region: string;
  ip_range: string;
}

/** A node pool taint (`kubernetes_node_pool_taint`). */
export interface DoTaint {
  key: string;
  value: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** A DOKS node pool (`kubernetes_node_pool`). */
export interface DoNodePool {
  id?: string;
  name: string;
  size: string;
  count: number;
  tags?: string[];
  labels?: Record<string, string> | null;
  taints?: DoTaint[];
  auto_scale?: boolean;
  min_nodes?: number;
  max_nodes?: number;
}

/** A DOKS cluster (`GET /v2/kubernetes/clusters`). */
export interface DoCluster {
  id: string;
  name: string;
  region: string;
  version?: string;
  vpc_uuid?: string;
  cluster_subnet?: string;
  service_subnet?: string;
  ha?: boolean;
  registry_enabled?: boolean;
  status?: { state?: string; message?: string };
  node_pools: DoNodePool[];
  tags?: string[];
}

/** The body of `POST /v2/kubernetes/clusters`. */
export interface DoClusterCreate {
  name: string;
  region: string;
  version: string;
  vpc_uuid?: string;
  cluster_subnet?: string;
  service_subnet?: string;
  ha?: boolean;
  auto_upgrade?: boolean;
  surge_upgrade?: boolean;
  tags?: string[];
  node_pools: DoNodePool[];
}

/** A managed database cluster (`GET /v2/databases`). */
export interface DoDatabase {
  id: string;
  name: string;
  engine: string;
  version?: string;
  size: string;
  region: string;
  num_nodes: number;
  status?: string;
  private_network_uuid?: string;
  tags?: string[] | null;
}

/** The body of `POST /v2/databases`. */
export interface DoDatabaseCreate {
  name: string;
  engine: 'pg' | 'valkey' | 'redis' | 'mysql';
  version?: string;
  size: string;
  region: string;
  num_nodes: number;
  private_network_uuid?: string;
  tags?: string[];
}

/** A database trusted source (`firewall_rule` of /v2/databases/{id}/firewall). */
export interface DoDatabaseRule {
  type: 'droplet' | 'k8s' | 'ip_addr' | 'tag' | 'app';
  value: string;
}

/** Sources or destinations of a cloud firewall rule. */
export interface DoRuleTarget {
  addresses?: string[];
  tags?: string[];
  kubernetes_ids?: string[];
  load_balancer_uids?: string[];
}

/** A cloud firewall rule (`firewall_rule_base` plus its target). */
export interface DoFirewallRule {
  protocol: 'tcp' | 'udp' | 'icmp';
  ports: string;
  sources?: DoRuleTarget;
  destinations?: DoRuleTarget;
}

/** A cloud firewall (`GET /v2/firewalls`). */
export interface DoFirewall {
  id?: string;
  name: string;
  inbound_rules: DoFirewallRule[];
  outbound_rules: DoFirewallRule[];
  tags: string[];
  status?: string;
}

/** A container registry (`GET /v2/registries`). */
export interface DoRegistry {
  name: string;
  region?: string;
  storage_usage_bytes?: number;
  subscription?: { tier?: { slug?: string } };
}

/** A load balancer (`GET /v2/load_balancers`). */
export interface DoLoadBalancer {
  id: string;
  name: string;
  size_unit?: number;
  tag?: string;
  status?: string;
  region?: { slug?: string };
}

/** A block storage volume (`GET /v2/volumes`). */
export interface DoVolume {
  id: string;
  name: string;
  size_gigabytes: number;
}
