import {
  ExternalE2EEKeyProvider,
  isE2EESupported,
  type Room,
  type RoomOptions,
} from 'livekit-client';
// Bundled by Vite as its own file under /assets/, served from our origin (CSP worker-src 'self').
import E2EEWorker from 'livekit-client/e2ee-worker?worker';
import { i18n } from '../i18n';
import type { Joined } from '../meeting/stage';
import { pageMeetingKey } from './meeting-key';

/**
 * LiveKit's encryption options for `join`: none for a plain meeting. For an end-to-end
 * encrypted one, a key provider holding this page's key and the E2EE worker; without a key or
 * without browser support it throws rather than connect and send anything unencrypted (the join
 * flow checks the same first, with requireKeyFor, and says so on the pre-join).
 */
export function encryptionFor(join: Joined): Pick<RoomOptions, 'encryption'> {
  if (!join.e2ee) return {};
  if (!pageMeetingKey()) {
    throw new Error(i18n.t('errors.noKeyOpen', { ns: 'e2ee' }));
  }
  if (!isE2EESupported()) {
    throw new Error(i18n.t('errors.unsupported', { ns: 'e2ee' }));
  }
  return { encryption: { keyProvider: new ExternalE2EEKeyProvider(), worker: new E2EEWorker() } };
}

/**
 * Sets the key and turns encryption on before the room connects, so nothing is ever sent in the
 * clear nor encrypted without the key.
 */
export async function startEncryption(room: Room, join: Joined): Promise<void> {
  const options = room.options.encryption;
  if (!join.e2ee) return;
  const key = pageMeetingKey();
  if (!key || !options || !('keyProvider' in options)) {
    throw new Error(i18n.t('errors.noKey', { ns: 'e2ee' }));
  }
  // A random 256-bit key through PBKDF2 (setKey with a string): what every LiveKit SDK accepts.
  await (options.keyProvider as ExternalE2EEKeyProvider).setKey(key);
  await room.setE2EEEnabled(true);
}

/** Ends the room's E2EE worker once the room has disconnected. */
export function stopEncryption(room: Room): void {
  const options = room.options.encryption;
  if (options && 'worker' in options) options.worker.terminate();
}
