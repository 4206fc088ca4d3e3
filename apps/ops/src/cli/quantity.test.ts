import { describe, expect, it } from 'vitest';
import { parseQuantity } from './quantity.js';

describe('parseQuantity', () => {
  it('reads CPU in cores and memory in bytes as Kubernetes writes them', () => {
    expect(parseQuantity('250m')).toBeCloseTo(0.25);
    expect(parseQuantity('2')).toBe(2);
    expect(parseQuantity('123456789n')).toBeCloseTo(0.123456789);
    expect(parseQuantity('128Mi')).toBe(128 * 1024 * 1024);
    expect(parseQuantity('1G')).toBe(1e9);
    expect(parseQuantity('512Ki')).toBe(524_288);
  });

  it('returns NaN for what is not a quantity', () => {
    expect(parseQuantity('lots')).toBeNaN();
    expect(parseQuantity(undefined)).toBeNaN();
    expect(parseQuantity('5Xi')).toBeNaN();
  });
});
