import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/** What the sidecar `{recordingId}.json` beside a spool file says about it. */
export const spoolEntry = z.object({
  recordingId: z.string().min(1),
  meetingCode: z.string().min(1),
  audioOnly: z.boolean(),
  startedAt: z.string(),
});
export type SpoolEntry = z.infer<typeof spoolEntry>;

// Recording ids become file names: only plain ids, never a path.
const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** The spool file and sidecar paths of a recording. */
export function spoolPaths(dir: string, recordingId: string): { media: string; sidecar: string } {
  if (!SAFE_ID.test(recordingId)) throw new Error('invalid recording id');
  return {
    media: path.join(dir, `${recordingId}.mp4`),
    sidecar: path.join(dir, `${recordingId}.json`),
  };
}

/** The storage key of a recording: `recordings/{meetingCode}/{recordingId}.mp4` (`.m4a` audio only). */
export function objectKey(entry: Pick<SpoolEntry, 'recordingId' | 'meetingCode' | 'audioOnly'>) {
  return `recordings/${entry.meetingCode}/${entry.recordingId}.${entry.audioOnly ? 'm4a' : 'mp4'}`;
}

/** The MIME type stored with a recording. */
export const contentType = (audioOnly: boolean) => (audioOnly ? 'audio/mp4' : 'video/mp4');

/** Writes the sidecar before ffmpeg starts, so a crash at any later point can be salvaged. */
export async function writeSidecar(dir: string, entry: SpoolEntry): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(spoolPaths(dir, entry.recordingId).sidecar, JSON.stringify(entry), {
    mode: 0o600,
  });
}

/** Removes a recording's spool file and sidecar. */
export async function removeSpool(dir: string, recordingId: string): Promise<void> {
  const { media, sidecar } = spoolPaths(dir, recordingId);
  await rm(media, { force: true });
  await rm(sidecar, { force: true });
}

/** A recording a previous run left behind, with the size of what it had written (0 if nothing). */
export interface Leftover {
  entry: SpoolEntry;
  media: string;
  bytes: number;
}

/**
 * The recordings a previous run of this recorder left in `dir` (killed mid-recording). A
 * sidecar that cannot be read is skipped and named in `unreadable`, never deleted blindly.
 */
export async function findLeftovers(
  dir: string,
): Promise<{ leftovers: Leftover[]; unreadable: string[] }> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return { leftovers: [], unreadable: [] };
  }
  const leftovers: Leftover[] = [];
  const unreadable: string[] = [];
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    try {
      const entry = spoolEntry.parse(JSON.parse(await readFile(path.join(dir, name), 'utf8')));
      const { media } = spoolPaths(dir, entry.recordingId);
      const bytes = await stat(media).then(
        (s) => s.size,
        () => 0,
      );
      leftovers.push({ entry, media, bytes });
    } catch {
      unreadable.push(name);
    }
  }
  return { leftovers, unreadable };
}
