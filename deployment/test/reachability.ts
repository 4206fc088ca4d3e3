import { selects, type K8sObject, type PolicyPeer, type PolicyRule } from './k8s-objects.js';

/**
 * A small model of Kubernetes NetworkPolicy semantics, enough to ask "can A reach B on port P?"
 * of rendered manifests. An endpoint is a pod (namespace, its labels, its namespace's labels)
 * or a plain address (the internet, a managed database, a host-network pod on a node).
 * Policies only govern pods they select, and only pods that are not on the host network.
 */
export type Endpoint =
  | {
      kind: 'pod';
      namespace: string;
      labels: Record<string, string>;
      namespaceLabels: Record<string, string>;
    }
  | { kind: 'address'; ip: string };

export interface Port {
  port: number;
  protocol: 'TCP' | 'UDP';
}

function ipToInt(ip: string): number {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255))
    throw new Error(`not an IPv4 address: ${ip}`);
  return parts.reduce((acc, p) => acc * 256 + p, 0);
}

/** Whether an IPv4 address lies in a CIDR block. */
export function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  if (base === undefined || bits === undefined) throw new Error(`not a CIDR: ${cidr}`);
  const size = 2 ** (32 - Number(bits));
  const start = Math.floor(ipToInt(base) / size) * size;
  const value = ipToInt(ip);
  return value >= start && value < start + size;
}

function peerMatches(peer: PolicyPeer, policyNamespace: string, other: Endpoint): boolean {
  if (peer.ipBlock) {
    // Pod addresses are not matched by ipBlock here (the common CNI behaviour, Cilium's too).
    if (other.kind !== 'address') return false;
    const { cidr, except = [] } = peer.ipBlock;
    return inCidr(other.ip, cidr) && !except.some((e) => inCidr(other.ip, e));
  }
  if (other.kind !== 'pod') return false;
  const nsOk = peer.namespaceSelector
    ? selects(peer.namespaceSelector, other.namespaceLabels) ||
      // An empty namespaceSelector ({}) selects every namespace.
      Object.keys(peer.namespaceSelector).length === 0
    : other.namespace === policyNamespace;
  const podOk = peer.podSelector
    ? Object.keys(peer.podSelector).length === 0 || selects(peer.podSelector, other.labels)
    : true;
  return nsOk && podOk;
}

function portMatches(rule: PolicyRule, port: Port): boolean {
  if (!rule.ports || rule.ports.length === 0) return true;
  return rule.ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== port.protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'string') throw new Error('named ports are not modelled');
    return p.endPort === undefined
      ? p.port === port.port
      : port.port >= p.port && port.port <= p.endPort;
  });
}

function selectsPod(policy: K8sObject, pod: Endpoint): boolean {
  if (pod.kind !== 'pod' || policy.metadata.namespace !== pod.namespace) return false;
  const sel = policy.spec?.podSelector ?? {};
  return Object.keys(sel).length === 0 || selects(sel, pod.labels);
}

function policyTypes(policy: K8sObject): string[] {
  if (policy.spec?.policyTypes) return policy.spec.policyTypes;
  return policy.spec?.egress ? ['Ingress', 'Egress'] : ['Ingress'];
}

function allowedBy(
  policies: K8sObject[],
  direction: 'Ingress' | 'Egress',
  subject: Endpoint,
  other: Endpoint,
  port: Port,
): boolean {
  const governing = policies.filter(
    (p) => policyTypes(p).includes(direction) && selectsPod(p, subject),
  );
  if (governing.length === 0) return true;
  return governing.some((p) => {
    const rules = (direction === 'Ingress' ? p.spec?.ingress : p.spec?.egress) ?? [];
    const ns = p.metadata.namespace ?? 'default';
    return rules.some((rule) => {
      const peers = direction === 'Ingress' ? rule.from : rule.to;
      const peerOk = !peers || peers.length === 0 || peers.some((x) => peerMatches(x, ns, other));
      return peerOk && portMatches(rule, port);
    });
  });
}

/** Whether `from` may open a connection to `to` on `port` under `policies`. */
export function canReach(policies: K8sObject[], from: Endpoint, to: Endpoint, port: Port): boolean {
  return (
    allowedBy(policies, 'Egress', from, to, port) && allowedBy(policies, 'Ingress', to, from, port)
  );
}
