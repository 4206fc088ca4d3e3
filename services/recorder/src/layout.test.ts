import { describe, expect, it } from 'vitest';
import { chooseLayout, type VideoCandidate } from './layout.js';

const camera = (identity: string): VideoCandidate => ({
  trackSid: `TR_cam_${identity}`,
  identity,
  screen: false,
});

describe('chooseLayout', () => {
  it('shows a screen share over every camera, even the speaker’s', () => {
    const screen = { trackSid: 'TR_screen', identity: 'b', screen: true };
    expect(chooseLayout([camera('a'), camera('b'), screen], 'a')).toEqual({
      kind: 'screen',
      trackSids: ['TR_screen'],
    });
  });

  it('shows the speaker’s camera alone when nobody shares a screen', () => {
    expect(chooseLayout([camera('a'), camera('b')], 'b')).toEqual({
      kind: 'speaker',
      trackSids: ['TR_cam_b'],
    });
  });

  it('falls back to a grid of the first four cameras when the speaker has no camera', () => {
    const cams = ['a', 'b', 'c', 'd', 'e'].map(camera);
    expect(chooseLayout(cams, 'z')).toEqual({
      kind: 'grid',
      trackSids: ['TR_cam_a', 'TR_cam_b', 'TR_cam_c', 'TR_cam_d'],
    });
    expect(chooseLayout(cams, undefined).kind).toBe('grid');
  });

  it('shows nothing when there is no video at all', () => {
    expect(chooseLayout([], 'a')).toEqual({ kind: 'empty', trackSids: [] });
  });
});
