import type { RecordingStorage } from '@gomeet/platform';
import type { RecorderLogger } from './messages.js';

const ATTEMPTS = 3;

/**
 * Uploads `file` under `key`, trying three times with a growing pause (storage hiccups are
 * common and a recording is worth the wait). Undefined when every attempt failed.
 */
export async function uploadWithRetry(
  storage: RecordingStorage,
  key: string,
  file: string,
  contentType: string,
  log: RecorderLogger,
  pauseMs = 2_000,
): Promise<{ bytes: number } | undefined> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      return await storage.put(key, file, contentType);
    } catch (err) {
      log.warn({ err, key, attempt }, 'uploading a recording failed');
      if (attempt < ATTEMPTS) await new Promise((r) => setTimeout(r, pauseMs * attempt));
    }
  }
  return undefined;
}
