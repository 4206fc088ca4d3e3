/** One key (Shift optional) for one room action. */
export interface Shortcut {
  /** `event.key`, lower case for letters. */
  key: string;
  shift?: boolean;
}

/**
 * The room's keyboard shortcuts: single keys like Jitsi's, so one hand reaches them; leaving
 * needs Shift so a stray key never drops someone from the call. Listed in the help dialog (`?`)
 * and announced on each button (aria-keyshortcuts, tooltip). What each does, as the help dialog
 * says it, is `does.<name>` in the `shortcuts` namespace.
 */
export const SHORTCUTS = {
  microphone: { key: 'm' },
  camera: { key: 'v' },
  hand: { key: 'h' },
  chat: { key: 'c' },
  participants: { key: 'p' },
  fullScreen: { key: 'f' },
  leave: { key: 'l', shift: true },
  help: { key: '?' },
} satisfies Record<string, Shortcut>;

export type ShortcutName = keyof typeof SHORTCUTS;

/** How a shortcut is written for people (`M`, `Shift+L`) and for aria-keyshortcuts. */
export function describeShortcut(s: Shortcut): string {
  const key = s.key.toUpperCase();
  return s.shift ? `Shift+${key}` : key;
}

/** The parts of a keydown event a shortcut decision needs. */
export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  repeat: boolean;
  isComposing: boolean;
  /** The element the key went to (an EventTarget; only its kind matters). */
  target: unknown;
}

const TEXT_FIELDS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/** True while someone types: the key belongs to a field, never to a shortcut. */
export function isTyping(target: unknown): boolean {
  if (!target || typeof target !== 'object') return false;
  const el = target as { tagName?: unknown; isContentEditable?: unknown };
  return (
    el.isContentEditable === true || (typeof el.tagName === 'string' && TEXT_FIELDS.has(el.tagName))
  );
}

/**
 * Whether `press` triggers `shortcut`. Browser and system combinations (Ctrl, Cmd, Alt), held
 * keys, IME composition and anything typed into a field never do. Letters match either case
 * (Caps Lock) with Shift as the shortcut says; other keys (`?`) match as typed.
 */
export function triggers(shortcut: Shortcut, press: KeyPress): boolean {
  if (press.ctrlKey || press.metaKey || press.altKey || press.repeat || press.isComposing)
    return false;
  if (isTyping(press.target)) return false;
  if (!/^[a-z]$/.test(shortcut.key)) return press.key === shortcut.key;
  return press.key.toLowerCase() === shortcut.key && press.shiftKey === (shortcut.shift ?? false);
}
