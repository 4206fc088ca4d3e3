import { writeFile } from 'node:fs/promises';

const RATE = 48_000;

/**
 * Writes a mono 16-bit 48 kHz WAV of a steady 440 Hz tone under white noise, for Chromium's
 * --use-file-for-fake-audio-capture (which loops it). The noise comes from a fixed-seed
 * generator, so every run hears the same file.
 */
export async function writeNoisyWav(file: string, seconds = 4): Promise<void> {
  const samples = RATE * seconds;
  const data = Buffer.alloc(samples * 2);
  let seed = 0x2545f491;
  const random = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 0xffffffff;
  };
  for (let i = 0; i < samples; i++) {
    const tone = 0.25 * Math.sin((2 * Math.PI * 440 * i) / RATE);
    const noise = 0.25 * (random() * 2 - 1);
    data.writeInt16LE(Math.round((tone + noise) * 32767), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28); // bytes a second
  header.writeUInt16LE(2, 32); // bytes a frame
  header.writeUInt16LE(16, 34); // bits a sample
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  await writeFile(file, Buffer.concat([header, data]));
}
