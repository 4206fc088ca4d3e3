import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar';
import { BackupIntegrityError, createDecryptStream, createEncryptStream } from './aead-stream.js';

/** One file inside a backup, as its manifest records it. */
export interface ManifestPart {
  name: string;
  kind: 'postgres' | 'redis' | 'kubernetes';
  bytes: number;
  sha256: string;
}

/** manifest.json, the first entry of every backup tarball. */
export interface Manifest {
  format: 'gomeet-backup';
  version: 1;
  createdAt: string;
  source: { target: 'cluster' | 'local'; namespace: string };
  parts: ManifestPart[];
  notes: string[];
}

/** The sha256 (hex) and size of a file, read as a stream. */
export async function hashFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return { sha256: hash.digest('hex'), bytes: (await stat(file)).size };
}

/**
 * Writes manifest.json into `dir`, then streams tar → gzip → AES-256-GCM frames into
 * `outFile` (mode 0600). The parts must already be files in `dir`.
 */
export async function packBackup(
  dir: string,
  manifest: Manifest,
  outFile: string,
  key: Buffer,
): Promise<void> {
  await writeFile(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const files = ['manifest.json', ...manifest.parts.map((p) => p.name)];
  await pipeline(
    tar.c({ gzip: true, cwd: dir, portable: true }, files),
    createEncryptStream(key),
    createWriteStream(outFile, { mode: 0o600 }),
  );
}

/**
 * Decrypts and unpacks `file` into `dir`, then checks every part against manifest.json.
 * Throws {@link BackupIntegrityError} when anything does not match; `dir` may then hold
 * partial files, which the caller discards (nothing is restored before this returns).
 */
export async function unpackBackup(file: string, dir: string, key: Buffer): Promise<Manifest> {
  try {
    await pipeline(createReadStream(file), createDecryptStream(key), tar.x({ cwd: dir }));
  } catch (error) {
    if (error instanceof BackupIntegrityError) throw error;
    throw new BackupIntegrityError(`backup is unreadable: ${(error as Error).message}`);
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    throw new BackupIntegrityError('backup has no readable manifest.json');
  }
  if (manifest.format !== 'gomeet-backup' || !Array.isArray(manifest.parts)) {
    throw new BackupIntegrityError('backup manifest.json is not a GoMeet backup manifest');
  }
  for (const part of manifest.parts) {
    const actual = await hashFile(path.join(dir, path.basename(part.name))).catch(() => undefined);
    if (!actual) throw new BackupIntegrityError(`backup is missing ${part.name}`);
    if (actual.sha256 !== part.sha256) {
      throw new BackupIntegrityError(`checksum mismatch for ${part.name}`);
    }
  }
  return manifest;
}
