import { useEffect, useRef, useState } from 'react';
import type { BackgroundEffect } from '../prejoin/device-prefs';

/**
 * The camera preview with the chosen background effect. Shows the plain camera while the effect
 * loads (first use fetches the segmentation model) or when it cannot run, which is reported.
 */
export function useBackgroundPreview(
  track: MediaStreamTrack | null,
  effect: BackgroundEffect,
  onError: (error: unknown) => void,
): MediaStreamTrack | null {
  const [processed, setProcessed] = useState<MediaStreamTrack | null>(null);
  const report = useRef(onError);
  report.current = onError;
  useEffect(() => {
    if (!track || effect === 'none') return;
    let cancelled = false;
    let stop: (() => void) | undefined;
    import('./background-effect')
      .then((m) => m.startBackground(track, effect))
      .then((running) => {
        if (cancelled) return running.stop();
        stop = running.stop;
        setProcessed(running.track);
      })
      .catch((e: unknown) => {
        if (!cancelled) report.current(e);
      });
    return () => {
      cancelled = true;
      stop?.();
      setProcessed(null);
    };
  }, [track, effect]);
  return effect !== 'none' && processed ? processed : track;
}
