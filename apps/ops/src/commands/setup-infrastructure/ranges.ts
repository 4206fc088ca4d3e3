import { EXIT, ExitError } from '../../cli/exit.js';

/** DOKS's own defaults for the pod and service networks when a cluster is created without them. */
export const DOKS_DEFAULT_POD_RANGE = '10.244.0.0/16';
export const DOKS_DEFAULT_SERVICE_RANGE = '10.245.0.0/16';
/** Our VPC default: private, and clear of both DOKS defaults (the runbook's 10.244.0.0/16 is not). */
export const DEFAULT_VPC_RANGE = '10.110.0.0/20';

/** The three networks of the cluster, as CIDR strings. */
export interface NetworkRanges {
  vpc: string;
  pod: string;
  service: string;
}

/** An IPv4 CIDR as its first address and size. */
export interface Cidr {
  text: string;
  start: number;
  size: number;
}

/** Parses an IPv4 CIDR ("10.110.0.0/20"); throws a usage error naming `what` when it is not one. */
export function parseCidr(text: string, what: string): Cidr {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text.trim());
  const octets = m ? m.slice(1, 5).map(Number) : [];
  const bits = m ? Number(m[5]) : NaN;
  if (!m || octets.some((o) => o > 255) || bits > 32)
    throw new ExitError(
      EXIT.USAGE,
      `${what} must be an IPv4 CIDR like 10.110.0.0/20, not "${text}"`,
    );
  const address = octets.reduce((a, o) => a * 256 + o, 0);
  const size = 2 ** (32 - bits);
  const start = address - (address % size);
  if (start !== address)
    throw new ExitError(
      EXIT.USAGE,
      `${what} ${text} has host bits set: did you mean ${format(start)}/${bits}?`,
    );
  return { text: text.trim(), start, size };
}

function format(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** Whether two CIDRs share any address. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.start < b.start + b.size && b.start < a.start + a.size;
}

/** Every overlapping pair among the ranges, as "vpc 10.244.0.0/16 overlaps pod 10.244.0.0/16". */
export function findOverlaps(ranges: NetworkRanges): string[] {
  const parsed = (['vpc', 'pod', 'service'] as const).map(
    (k) => [k, parseCidr(ranges[k], `--${k}-range`)] as const,
  );
  const overlaps: string[] = [];
  for (let i = 0; i < parsed.length; i++)
    for (let j = i + 1; j < parsed.length; j++) {
      const [ka, a] = parsed[i]!;
      const [kb, b] = parsed[j]!;
      if (cidrsOverlap(a, b)) overlaps.push(`${ka} range ${a.text} overlaps ${kb} range ${b.text}`);
    }
  return overlaps;
}

/** Throws a usage error (exit 2) that says exactly which ranges overlap. */
export function assertNoOverlap(ranges: NetworkRanges): void {
  const overlaps = findOverlaps(ranges);
  if (overlaps.length)
    throw new ExitError(
      EXIT.USAGE,
      `refusing overlapping networks: ${overlaps.join('; ')}. Choose ranges that do not overlap (defaults: --vpc-range ${DEFAULT_VPC_RANGE}, --pod-range ${DOKS_DEFAULT_POD_RANGE}, --service-range ${DOKS_DEFAULT_SERVICE_RANGE})`,
    );
}
