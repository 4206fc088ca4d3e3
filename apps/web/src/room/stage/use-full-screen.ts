import { useCallback, useEffect, useState, type RefObject } from 'react';

/** Full screen for one element (the stage), following Escape and the browser's own exits. */
export function useFullScreen(target: RefObject<HTMLElement | null>) {
  const [active, setActive] = useState(false);
  useEffect(() => {
    const onChange = () => setActive(document.fullscreenElement === target.current);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [target]);
  const toggle = useCallback(() => {
    const done = document.fullscreenElement
      ? document.exitFullscreen()
      : target.current?.requestFullscreen();
    // Refused (no user gesture, an iframe without allowfullscreen): the stage simply stays.
    done?.catch(() => undefined);
  }, [target]);
  return { active, toggle, supported: document.fullscreenEnabled };
}
