import { useEffect, useRef } from 'react';
import { SHORTCUTS, triggers, type ShortcutName } from './shortcuts';

/** Runs `action` when the named shortcut is pressed anywhere in the page (not in a field). */
export function useShortcut(name: ShortcutName | undefined, action: () => void, enabled = true) {
  const latest = useRef(action);
  latest.current = action;
  useEffect(() => {
    if (!name || !enabled) return;
    const shortcut = SHORTCUTS[name];
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !triggers(shortcut, event)) return;
      event.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [name, enabled]);
}
