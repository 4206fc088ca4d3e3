import { describe, expect, it } from 'vitest';
import { ExitError } from '../../cli/exit.js';
import { assertNoOverlap, cidrsOverlap, findOverlaps, parseCidr } from './ranges.js';

const defaults = { vpc: '10.110.0.0/20', pod: '10.244.0.0/16', service: '10.245.0.0/16' };

describe('network range overlap check', () => {
  it('accepts the defaults: VPC 10.110.0.0/20 beside DOKS pods 10.244/16 and services 10.245/16', () => {
    expect(findOverlaps(defaults)).toEqual([]);
    expect(() => assertNoOverlap(defaults)).not.toThrow();
  });

  it("refuses the runbook's VPC 10.244.0.0/16, naming the pod range it collides with", () => {
    const error = (() => {
      try {
        assertNoOverlap({ ...defaults, vpc: '10.244.0.0/16' });
      } catch (e) {
        return e as ExitError;
      }
      throw new Error('accepted an overlapping VPC');
    })();
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('vpc range 10.244.0.0/16 overlaps pod range 10.244.0.0/16');
    expect(error.message).not.toContain('service range 10.245.0.0/16 overlaps');
  });

  it('finds partial overlaps in every pair: a /8 VPC covers both cluster networks', () => {
    expect(findOverlaps({ ...defaults, vpc: '10.0.0.0/8' })).toEqual([
      'vpc range 10.0.0.0/8 overlaps pod range 10.244.0.0/16',
      'vpc range 10.0.0.0/8 overlaps service range 10.245.0.0/16',
    ]);
    expect(findOverlaps({ ...defaults, service: '10.244.128.0/17' })).toEqual([
      'pod range 10.244.0.0/16 overlaps service range 10.244.128.0/17',
    ]);
  });

  it('treats adjacent ranges as disjoint', () => {
    expect(cidrsOverlap(parseCidr('10.244.0.0/16', 'a'), parseCidr('10.245.0.0/16', 'b'))).toBe(
      false,
    );
    expect(cidrsOverlap(parseCidr('10.110.0.0/20', 'a'), parseCidr('10.110.15.0/24', 'b'))).toBe(
      true,
    );
  });

  it('rejects text that is not an IPv4 CIDR, or has host bits set, as a usage error', () => {
    expect(() => parseCidr('10.110.0.0', '--vpc-range')).toThrow(
      /--vpc-range must be an IPv4 CIDR/,
    );
    expect(() => parseCidr('10.300.0.0/16', '--pod-range')).toThrow(ExitError);
    expect(() => parseCidr('10.110.1.0/20', '--vpc-range')).toThrow(
      /did you mean 10\.110\.0\.0\/20/,
    );
  });
});
