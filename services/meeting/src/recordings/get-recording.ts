import type { RecordingWithDownload } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import { loadHostedRecording } from './load-hosted-recording.js';
import { downloadFilename, hasFile, presentRecording } from './present-recording.js';
import type { Recordings } from './recordings.js';

/** How long a download link works unless the deployment says otherwise. */
export const DEFAULT_DOWNLOAD_TTL_SECONDS = 300;

/**
 * One recording with a short-lived signed download link (host and co-hosts only: a participant
 * is refused 403). The link is null while there is no file (not ready yet, or failed empty).
 */
export async function getRecording({
  ctx,
  recordings,
  input,
}: {
  ctx: Ctx;
  recordings: Recordings;
  input: { code: string; id: string };
}): Promise<RecordingWithDownload> {
  const row = await loadHostedRecording(ctx, input, 'download this meeting’s recordings');
  const deps = recordings.deps;
  const recording = presentRecording(row, deps?.retentionDays);
  if (!deps || !hasFile(row) || !row.object_key)
    return { ...recording, downloadUrl: null, downloadUrlExpiresAt: null };
  const ttl = deps.downloadTtlSeconds ?? DEFAULT_DOWNLOAD_TTL_SECONDS;
  const expiresAt = new Date(ctx.now().getTime() + ttl * 1000).toISOString();
  const url = await deps.storage.downloadUrl(row.object_key, ttl, downloadFilename(row));
  return { ...recording, downloadUrl: url, downloadUrlExpiresAt: expiresAt };
}
