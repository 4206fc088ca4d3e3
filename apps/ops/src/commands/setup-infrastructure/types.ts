import type { DigitalOceanApi } from '../../cli/digitalocean.js';
import type { BucketApi } from './spaces-bucket.js';
import type { InfraSpec } from './spec.js';
import type { WaitOptions } from './wait.js';

/** The DigitalOcean calls setup-infrastructure makes (the replay tests serve exactly these). */
export type InfraApi = Pick<
  DigitalOceanApi,
  | 'listVpcs'
  | 'createVpc'
  | 'listRegistries'
  | 'createRegistry'
  | 'listClusters'
  | 'getCluster'
  | 'createCluster'
  | 'createNodePool'
  | 'addRegistryToClusters'
  | 'listDatabases'
  | 'getDatabase'
  | 'createDatabase'
  | 'getDatabaseFirewall'
  | 'putDatabaseFirewall'
  | 'listFirewalls'
  | 'createFirewall'
  | 'listLoadBalancers'
>;

/** What happened to one resource. */
export type ResourceStatus = 'existed' | 'created' | 'skipped' | 'would-create';

/** One row of the summary. */
export interface ResourceResult {
  resource: string;
  name: string;
  status: ResourceStatus;
  detail: string;
}

/** Everything a run needs; `api` is absent in a dry run without DIGITALOCEAN_TOKEN. */
export interface ProvisionContext {
  spec: InfraSpec;
  api?: InfraApi;
  bucketApi?: BucketApi;
  dryRun: boolean;
  skipDatabase: boolean;
  skipRedis: boolean;
  wait: WaitOptions;
  /** Each row as it is decided, on stderr. */
  progress: (line: string) => void;
}

/** Adds one row to the summary and shows it on stderr. */
export type RecordRow = (
  resource: string,
  name: string,
  status: ResourceStatus,
  detail: string,
) => void;

/** The firewall's inbound rules as "443/tcp 3478/udp …". */
export const ruleText = (spec: InfraSpec) =>
  spec.firewall.inbound_rules.map((r) => `${r.ports}/${r.protocol}`).join(' ');
