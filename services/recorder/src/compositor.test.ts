import { describe, expect, it } from 'vitest';
import {
  clearFrame,
  drawPicture,
  FRAME_BYTES,
  fitRect,
  tileRects,
  VIDEO_HEIGHT,
  VIDEO_WIDTH,
} from './compositor.js';

/** A solid I420 picture of one luma value and one chroma pair. */
function solid(width: number, height: number, y: number, u: number, v: number) {
  const cw = Math.ceil(width / 2);
  const ch = Math.ceil(height / 2);
  const data = new Uint8Array(width * height + 2 * cw * ch);
  data.fill(y, 0, width * height).fill(u, width * height, width * height + cw * ch);
  data.fill(v, width * height + cw * ch);
  return { width, height, data };
}

const lumaAt = (frame: Uint8Array, x: number, y: number) => frame[y * VIDEO_WIDTH + x];
const uAt = (frame: Uint8Array, x: number, y: number) =>
  frame[VIDEO_WIDTH * VIDEO_HEIGHT + Math.floor(y / 2) * (VIDEO_WIDTH / 2) + Math.floor(x / 2)];

describe('compositor', () => {
  it('letterboxes a 4:3 camera in the middle of the 16:9 frame', () => {
    expect(fitRect({ width: 640, height: 480 }, tileRects(1)[0]!)).toEqual({
      x: 160,
      y: 0,
      w: 960,
      h: 720,
    });
    const frame = new Uint8Array(FRAME_BYTES);
    clearFrame(frame);
    drawPicture(frame, solid(640, 480, 200, 90, 60), tileRects(1)[0]!);
    expect(lumaAt(frame, 100, 360)).toBe(16); // the black bar
    expect(lumaAt(frame, 640, 360)).toBe(200);
    expect(uAt(frame, 640, 360)).toBe(90);
    expect(uAt(frame, 100, 360)).toBe(128);
  });

  it('puts four cameras in a 2×2 grid, each in its own quarter', () => {
    const frame = new Uint8Array(FRAME_BYTES);
    clearFrame(frame);
    const rects = tileRects(4);
    [50, 100, 150, 200].forEach((y, i) =>
      drawPicture(frame, solid(321, 181, y, 128, 128), rects[i]!),
    );
    expect([
      lumaAt(frame, 320, 180),
      lumaAt(frame, 960, 180),
      lumaAt(frame, 320, 540),
      lumaAt(frame, 960, 540),
    ]).toEqual([50, 100, 150, 200]);
  });

  it('ignores a picture whose buffer is shorter than its size says', () => {
    const frame = new Uint8Array(FRAME_BYTES);
    clearFrame(frame);
    drawPicture(frame, { width: 640, height: 480, data: new Uint8Array(10) }, tileRects(1)[0]!);
    expect(lumaAt(frame, 640, 360)).toBe(16);
  });
});
