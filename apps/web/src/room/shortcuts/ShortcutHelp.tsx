import { useRef } from 'react';
import { describeShortcut, SHORTCUTS } from './shortcuts';

/**
 * The list of shortcuts: a modal dialog that `open()` shows (the bar's keyboard button, whose
 * shortcut is `?`). The native <dialog> brings focus trapping, Escape to close and the backdrop.
 */
export function useShortcutHelp() {
  const dialog = useRef<HTMLDialogElement>(null);
  const open = () => {
    if (!dialog.current?.open) dialog.current?.showModal();
  };
  const element = (
    <dialog
      ref={dialog}
      className="shortcut-help"
      aria-labelledby="shortcut-help-title"
      data-testid="shortcut-help"
    >
      <h2 id="shortcut-help-title">Keyboard shortcuts</h2>
      <dl>
        {Object.values(SHORTCUTS).map((s) => (
          <div key={s.key} className="shortcut-row">
            <dt>
              <kbd>{describeShortcut(s)}</kbd>
            </dt>
            <dd>{s.does}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">Shortcuts rest while you type in a field.</p>
      <form method="dialog">
        <button type="submit" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
  return { open, element };
}
