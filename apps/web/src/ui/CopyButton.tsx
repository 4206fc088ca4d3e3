import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Copies text to the clipboard and says so; falls back to selecting a prompt when denied. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      window.prompt(t('copy.prompt'), text);
    }
  };
  // The visible text is part of the name (WCAG 2.5.3), which the label makes specific.
  return (
    <button
      type="button"
      className="secondary"
      aria-label={copied ? t('copy.copied') : label}
      onClick={() => void copy()}
    >
      {copied ? t('copy.copied') : t('copy.inviteLink')}
    </button>
  );
}
