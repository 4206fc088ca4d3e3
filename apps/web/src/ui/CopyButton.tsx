import { useState } from 'react';

/** Copies text to the clipboard and says so; falls back to selecting a prompt when denied. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      window.prompt('Copy this link', text);
    }
  };
  // The visible text is part of the name (WCAG 2.5.3), which the label makes specific.
  return (
    <button
      type="button"
      className="secondary"
      aria-label={copied ? 'Copied' : label}
      onClick={() => void copy()}
    >
      {copied ? 'Copied' : 'Copy invite link'}
    </button>
  );
}
