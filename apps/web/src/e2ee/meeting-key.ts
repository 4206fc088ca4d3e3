import type { Meeting } from '@gomeet/protocol';
import { i18n } from '../i18n';

/**
 * An end-to-end encrypted meeting's key: 32 random bytes as base64url (43 characters), made in
 * the host's browser. It travels only in the invite link's fragment (`#key=…`), which browsers
 * never send to a server, and lives in this browser's storage: sessionStorage for a key read
 * from a link (a reload or reconnect keeps it, the tab's end drops it), localStorage for a key
 * this browser made, so the host can copy the link again from the dashboard.
 */
const KEY_FORMAT = /^[A-Za-z0-9_-]{43}$/;
const STORAGE_PREFIX = 'gomeet.e2ee.';

/** A fresh random key. */
export function generateMeetingKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const base64 = btoa(String.fromCharCode(...bytes));
  return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function isMeetingKey(text: string): boolean {
  return KEY_FORMAT.test(text);
}

/** The key in what someone pasted: an invite link with `#key=…`, `key=…`, or the key alone. */
export function keyFromText(text: string): string | null {
  const trimmed = text.trim();
  const found = /(?:^|[#&])key=([^&\s]*)/.exec(trimmed)?.[1] ?? trimmed;
  return isMeetingKey(found) ? found : null;
}

function storages(): Storage[] {
  try {
    return [sessionStorage, localStorage];
  } catch {
    return [];
  }
}

/** The key this browser holds for meeting `code`, or null. */
export function meetingKey(code: string): string | null {
  for (const storage of storages()) {
    try {
      const key = storage.getItem(STORAGE_PREFIX + code);
      if (key && isMeetingKey(key)) return key;
    } catch {
      // Storage blocked: no key remembered.
    }
  }
  return null;
}

/**
 * Remembers `key` for meeting `code`: for this tab (`session`, a key from a link), or on this
 * device (`device`, a key this browser made as host).
 */
export function rememberKey(code: string, key: string, where: 'session' | 'device'): void {
  try {
    (where === 'session' ? sessionStorage : localStorage).setItem(STORAGE_PREFIX + code, key);
  } catch {
    // Storage blocked: the key lasts as long as this page.
  }
}

/**
 * Takes a key from the address's fragment (`/m/code#key=…`) into sessionStorage and removes the
 * fragment from the address and history, so it is neither shown, bookmarked nor shared by
 * accident. Returns the key, or null when the fragment holds none.
 */
export function takeKeyFromFragment(code: string): string | null {
  if (!location.hash) return null;
  const key = keyFromText(location.hash);
  history.replaceState(history.state, '', location.pathname + location.search);
  if (key) rememberKey(code, key, 'session');
  return key;
}

/**
 * The host's side: a meeting just made or changed to be end-to-end encrypted gets a key made
 * here, unless this browser already has one for it.
 */
export function ensureHostKey(meeting: Pick<Meeting, 'code' | 'settings'>): void {
  if (meeting.settings.e2ee && !meetingKey(meeting.code)) {
    rememberKey(meeting.code, generateMeetingKey(), 'device');
  }
}

/**
 * The link to share: with `#key=…` for an encrypted meeting whose key this browser holds.
 * `keyMissing` says the meeting is encrypted but the key is not here (scheduled elsewhere).
 */
export function inviteLink(meeting: Pick<Meeting, 'code' | 'joinUrl' | 'settings'>): {
  link: string;
  keyMissing: boolean;
} {
  if (!meeting.settings.e2ee) return { link: meeting.joinUrl, keyMissing: false };
  const key = meetingKey(meeting.code);
  return key
    ? { link: `${meeting.joinUrl}#key=${key}`, keyMissing: false }
    : { link: meeting.joinUrl, keyMissing: true };
}

/** The meeting this page shows (MeetingPage is keyed by code: one at a time). */
let pageMeeting: string | undefined;

/** Marks `code` as the page's meeting: its joins, breakout moves too, use its key. */
export function setPageMeeting(code: string): void {
  pageMeeting = code;
}

/** The key of the page's meeting, or null. */
export function pageMeetingKey(): string | null {
  return pageMeeting ? meetingKey(pageMeeting) : null;
}

/** Insertable streams (Chromium) or RTCRtpScriptTransform (Safari, Firefox): what LiveKit E2EE needs. */
function browserCanEncrypt(): boolean {
  return (
    'RTCRtpScriptTransform' in window ||
    (typeof RTCRtpSender !== 'undefined' && 'createEncodedStreams' in RTCRtpSender.prototype)
  );
}

/**
 * Throws, in words for the pre-join, when a join answer is for an end-to-end encrypted meeting
 * this page cannot enter: no key (the link lost its `#key=…`) or a browser without the APIs.
 */
export function requireKeyFor(join: { e2ee?: boolean | undefined }): void {
  if (!join.e2ee) return;
  if (!pageMeetingKey()) {
    throw new Error(i18n.t('errors.noKeyPaste', { ns: 'e2ee' }));
  }
  if (!browserCanEncrypt()) {
    throw new Error(i18n.t('errors.unsupported', { ns: 'e2ee' }));
  }
}
