const KEY = 'gomeet.account-notice';

/** Keeps a sentence to show once on the next screen (it survives the switch to the dashboard). */
export function leaveNotice(text: string): void {
  sessionStorage.setItem(KEY, text);
}

/** The sentence left for this screen, forgotten once read. */
export function takeNotice(): string | null {
  const text = sessionStorage.getItem(KEY);
  sessionStorage.removeItem(KEY);
  return text;
}
