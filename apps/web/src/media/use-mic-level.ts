import { useEffect, useState } from 'react';

const FRAME_MS = 100;

/**
 * How loud the microphone is, 0–1 (RMS of the waveform, scaled so speech fills most of it),
 * sampled ten times a second while a track is given.
 */
export function useMicLevel(track: MediaStreamTrack | null): number {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    if (!track) return;
    const ctx = new AudioContext();
    const source = ctx.createMediaStreamSource(new MediaStream([track]));
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    // Browsers start audio only after the page was clicked; the first click wakes the meter.
    const wake = () => void ctx.resume();
    document.addEventListener('pointerdown', wake, { once: true });
    const samples = new Float32Array(analyser.fftSize);
    const timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) sum += s * s;
      setLevel(Math.min(1, Math.sqrt(sum / samples.length) * 4));
    }, FRAME_MS);
    return () => {
      clearInterval(timer);
      document.removeEventListener('pointerdown', wake);
      source.disconnect();
      void ctx.close();
      setLevel(0);
    };
  }, [track]);
  return level;
}
