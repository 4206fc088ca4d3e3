import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeShortcut, SHORTCUTS, type ShortcutName } from './shortcuts/shortcuts';
import { useShortcut } from './shortcuts/use-shortcut';

interface ControlButtonProps {
  icon: LucideIcon;
  /** The accessible name; also the tooltip, with the shortcut when there is one. */
  label: string;
  onClick: () => void;
  /** Set for toggles: announced as aria-pressed and drawn highlighted. */
  pressed?: boolean;
  /**
   * `off`: a device that is off (red); `danger`: leave and end; `quiet`: pressed but drawn
   * plain (a microphone that is on is the normal state, not one to highlight).
   */
  tone?: 'off' | 'danger' | 'quiet';
  shortcut?: ShortcutName;
  disabled?: boolean;
  testId?: string;
  className?: string;
  expanded?: boolean;
  controls?: string;
  /** Badges or a short caption drawn after the icon. */
  children?: ReactNode;
}

/** A round icon button of the control bar, with a tooltip and an optional keyboard shortcut. */
export function ControlButton(props: ControlButtonProps) {
  const { t } = useTranslation('room');
  const { icon: Icon, label, shortcut, disabled = false } = props;
  useShortcut(shortcut, props.onClick, !disabled);
  const keys = shortcut ? describeShortcut(SHORTCUTS[shortcut]) : undefined;
  const tone = props.tone ?? (props.pressed ? 'on' : '');
  const classes = ['control', tone, props.className ?? ''].filter(Boolean);
  return (
    <button
      type="button"
      className={classes.join(' ')}
      aria-label={label}
      aria-pressed={props.pressed}
      aria-expanded={props.expanded}
      aria-controls={props.controls}
      aria-keyshortcuts={keys}
      data-tip={keys ? t('controls.withShortcut', { label, keys }) : label}
      data-testid={props.testId}
      disabled={disabled}
      onClick={props.onClick}
    >
      <Icon aria-hidden="true" size={20} strokeWidth={2} />
      {props.children}
    </button>
  );
}
