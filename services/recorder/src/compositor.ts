/** The recording's picture: 1280×720 I420 (what ffmpeg reads as rawvideo yuv420p). */
export const VIDEO_WIDTH = 1280;
export const VIDEO_HEIGHT = 720;
export const VIDEO_FPS = 30;
export const FRAME_BYTES = VIDEO_WIDTH * VIDEO_HEIGHT * 1.5;

/** A decoded I420 picture: the Y plane, then U and V at half size (rounded up), no padding. */
export interface I420Picture {
  width: number;
  height: number;
  data: Uint8Array;
}

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

const even = (n: number) => n - (n % 2);

/** Where each of `count` tiles goes: the whole frame for one, a 2×2 grid for two to four. */
export function tileRects(count: number): Rect[] {
  if (count <= 1) return [{ x: 0, y: 0, w: VIDEO_WIDTH, h: VIDEO_HEIGHT }];
  const w = VIDEO_WIDTH / 2;
  const h = VIDEO_HEIGHT / 2;
  return Array.from({ length: Math.min(count, 4) }, (_, i) => ({
    x: (i % 2) * w,
    y: Math.floor(i / 2) * h,
    w,
    h,
  }));
}

/** Paints the whole frame black (Y 16, U and V 128: video-range black). */
export function clearFrame(frame: Uint8Array): void {
  frame.fill(16, 0, VIDEO_WIDTH * VIDEO_HEIGHT).fill(128, VIDEO_WIDTH * VIDEO_HEIGHT);
}

/** The largest even-sized rectangle with `picture`'s aspect ratio, centred in `rect`. */
export function fitRect(picture: { width: number; height: number }, rect: Rect): Rect {
  const scale = Math.min(rect.w / picture.width, rect.h / picture.height);
  const w = Math.max(2, even(Math.round(picture.width * scale)));
  const h = Math.max(2, even(Math.round(picture.height * scale)));
  return { x: rect.x + even((rect.w - w) / 2), y: rect.y + even((rect.h - h) / 2), w, h };
}

/** For each target column, the source column nearest to it. */
function columnMap(srcWidth: number, dstWidth: number): Uint32Array {
  const map = new Uint32Array(dstWidth);
  for (let x = 0; x < dstWidth; x++) map[x] = Math.floor((x * srcWidth) / dstWidth);
  return map;
}

function scalePlane(
  src: Uint8Array,
  srcOffset: number,
  srcStride: number,
  srcHeight: number,
  dst: Uint8Array,
  dstOffset: number,
  dstStride: number,
  to: Rect,
  columns: Uint32Array,
): void {
  for (let y = 0; y < to.h; y++) {
    const srcRow = srcOffset + Math.floor((y * srcHeight) / to.h) * srcStride;
    const dstRow = dstOffset + (to.y + y) * dstStride + to.x;
    for (let x = 0; x < to.w; x++) dst[dstRow + x] = src[srcRow + columns[x]!]!;
  }
}

/**
 * Draws `picture` into `rect` of `frame`, scaled (nearest neighbour) to fit with its aspect
 * ratio kept; the bars around it keep what the frame had (clear it on a layout change).
 * Nearest neighbour is crude but cheap: the encoder, not the scaler, must get the CPU.
 */
export function drawPicture(frame: Uint8Array, picture: I420Picture, rect: Rect): void {
  const to = fitRect(picture, rect);
  const { width, height, data } = picture;
  const chromaWidth = Math.ceil(width / 2);
  const chromaHeight = Math.ceil(height / 2);
  if (data.length < width * height + 2 * chromaWidth * chromaHeight) return;
  scalePlane(data, 0, width, height, frame, 0, VIDEO_WIDTH, to, columnMap(width, to.w));
  const half = { x: to.x / 2, y: to.y / 2, w: to.w / 2, h: to.h / 2 };
  const chromaColumns = columnMap(chromaWidth, half.w);
  const lumaSize = VIDEO_WIDTH * VIDEO_HEIGHT;
  const chromaSize = lumaSize / 4;
  for (const plane of [0, 1]) {
    scalePlane(
      data,
      width * height + plane * chromaWidth * chromaHeight,
      chromaWidth,
      chromaHeight,
      frame,
      lumaSize + plane * chromaSize,
      VIDEO_WIDTH / 2,
      half,
      chromaColumns,
    );
  }
}
