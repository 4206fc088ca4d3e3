import { describe, expect, it } from 'vitest';
import { describeShortcut, SHORTCUTS, triggers, type KeyPress } from './shortcuts';

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  repeat: false,
  isComposing: false,
  target: { tagName: 'BODY', isContentEditable: false },
  ...more,
});

describe('room shortcuts', () => {
  it('toggles the microphone with M, also with Caps Lock on', () => {
    expect(triggers(SHORTCUTS.microphone, press('m'))).toBe(true);
    expect(triggers(SHORTCUTS.microphone, press('M'))).toBe(true);
  });

  it('never fires while typing in an input, a textarea or an editable element', () => {
    for (const target of [
      { tagName: 'INPUT' },
      { tagName: 'TEXTAREA' },
      { tagName: 'SELECT' },
      { tagName: 'DIV', isContentEditable: true },
    ]) {
      expect(triggers(SHORTCUTS.microphone, press('m', { target }))).toBe(false);
    }
  });

  it('leaves browser combinations and held keys alone', () => {
    expect(triggers(SHORTCUTS.camera, press('v', { ctrlKey: true }))).toBe(false);
    expect(triggers(SHORTCUTS.camera, press('v', { metaKey: true }))).toBe(false);
    expect(triggers(SHORTCUTS.camera, press('v', { repeat: true }))).toBe(false);
  });

  it('leaves the meeting only with Shift+L', () => {
    expect(triggers(SHORTCUTS.leave, press('l'))).toBe(false);
    expect(triggers(SHORTCUTS.leave, press('L', { shiftKey: true }))).toBe(true);
    expect(describeShortcut(SHORTCUTS.leave)).toBe('Shift+L');
  });

  it('opens the help with ?, however the layout reaches it', () => {
    expect(triggers(SHORTCUTS.help, press('?', { shiftKey: true }))).toBe(true);
    expect(triggers(SHORTCUTS.help, press('/', { shiftKey: false }))).toBe(false);
  });

  it('gives every action its own key', () => {
    const keys = Object.values(SHORTCUTS).map(describeShortcut);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
