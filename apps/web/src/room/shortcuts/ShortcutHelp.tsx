import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { describeShortcut, SHORTCUTS, type Shortcut, type ShortcutName } from './shortcuts';

/**
 * The list of shortcuts: a modal dialog that `open()` shows (the bar's keyboard button, whose
 * shortcut is `?`). The native <dialog> brings focus trapping, Escape to close and the backdrop.
 */
export function useShortcutHelp() {
  const { t } = useTranslation('shortcuts');
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
      <h2 id="shortcut-help-title">{t('title')}</h2>
      <dl>
        {(Object.entries(SHORTCUTS) as [ShortcutName, Shortcut][]).map(([name, s]) => (
          <div key={s.key} className="shortcut-row">
            <dt>
              <kbd>{describeShortcut(s)}</kbd>
            </dt>
            <dd>{t(`does.${name}`)}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">{t('hint')}</p>
      <form method="dialog">
        <button type="submit" autoFocus>
          {t('close')}
        </button>
      </form>
    </dialog>
  );
  return { open, element };
}
