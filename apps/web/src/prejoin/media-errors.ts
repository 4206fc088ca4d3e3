export type MediaKind = 'camera' | 'microphone';

/** Turns a getUserMedia failure into what the person can do about it. */
export function describeMediaError(kind: MediaKind, error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return `Your ${kind} is blocked. Allow it in the browser's site settings (the icon next to the address), then try again.`;
    case 'NotFoundError':
    case 'OverconstrainedError':
      return `No ${kind} was found. Plug one in or pick another.`;
    case 'NotReadableError':
    case 'AbortError':
      return `Your ${kind} is in use by another app, or could not start. Close the other app and try again.`;
    default:
      return `Your ${kind} could not start${error instanceof Error && error.message ? `: ${error.message}` : '.'}`;
  }
}
