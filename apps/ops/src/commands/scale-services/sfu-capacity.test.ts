import { describe, expect, it } from 'vitest';
import { sfuCapacityNote } from './manual.js';

describe('manual livekit-sfu', () => {
  it('says how many participants the media nodes carry by the capacity model', () => {
    // c-32-intel: 32 vCPU × 0.7 / 0.0057 vCPU per participant → 3,929 per node, CPU-bound.
    expect(sfuCapacityNote(50)).toBe(
      'capacity model: 50 × c-32-intel carry about 196,450 participants at 1.5 Mbps down (3,929 per node, cpu-bound; docs/CAPACITY.md).',
    );
  });
});
