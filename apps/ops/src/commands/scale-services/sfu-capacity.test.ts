import { describe, expect, it } from 'vitest';
import { sfuCapacityNote } from './manual.js';

describe('manual livekit-sfu', () => {
  it('says how many participants the media nodes carry by the capacity model', () => {
    // c-32-intel: 32 vCPU × 0.7 / 0.0105 vCPU per participant → 2,133 per node, CPU-bound.
    expect(sfuCapacityNote(50)).toBe(
      'capacity model: 50 × c-32-intel carry about 106,650 participants at 1.5 Mbps down (2,133 per node, cpu-bound; docs/CAPACITY.md).',
    );
  });
});
