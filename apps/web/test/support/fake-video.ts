import { writeFile } from 'node:fs/promises';

/**
 * Writes a small Y4M clip (a bar sweeping across a coloured field) for Chromium's
 * --use-file-for-fake-video-capture: many participants in one browser then encode 160x120
 * instead of 720p, which keeps a six-person room light on two cores.
 */
export async function writeFakeVideo(file: string, width = 160, height = 120, frames = 20) {
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  const chunks: Buffer[] = [header];
  for (let f = 0; f < frames; f++) {
    const y = Buffer.alloc(width * height, 80);
    const bar = Math.floor((f / frames) * width);
    for (let row = 0; row < height; row++) {
      y.fill(235, row * width + bar, row * width + Math.min(width, bar + 12));
    }
    const chroma = Buffer.alloc((width / 2) * (height / 2), 90 + f * 4);
    chunks.push(Buffer.from('FRAME\n'), y, chroma, Buffer.alloc(chroma.length, 160));
  }
  await writeFile(file, Buffer.concat(chunks));
}
