import { i18n } from '../i18n';

export type MediaKind = 'camera' | 'microphone';

/** Turns a getUserMedia failure into what the person can do about it (in their language). */
export function describeMediaError(kind: MediaKind, error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return i18n.t(`mediaError.${kind}.blocked`, { ns: 'prejoin' });
    case 'NotFoundError':
    case 'OverconstrainedError':
      return i18n.t(`mediaError.${kind}.notFound`, { ns: 'prejoin' });
    case 'NotReadableError':
    case 'AbortError':
      return i18n.t(`mediaError.${kind}.inUse`, { ns: 'prejoin' });
    default:
      return error instanceof Error && error.message
        ? i18n.t(`mediaError.${kind}.failedWithReason`, { ns: 'prejoin', reason: error.message })
        : i18n.t(`mediaError.${kind}.failed`, { ns: 'prejoin' });
  }
}

/** Said when the page cannot ask for the device at all (no getUserMedia: not https). */
export const insecureMediaError = (kind: MediaKind): string =>
  i18n.t(`mediaError.${kind}.insecure`, { ns: 'prejoin' });
