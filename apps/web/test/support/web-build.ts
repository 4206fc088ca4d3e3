import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
export const webDist = path.join(repoRoot, 'apps/web/dist');

const SOURCES = [
  'apps/web/src',
  'apps/web/index.html',
  'apps/web/vite.config.ts',
  'apps/web/package.json',
  'packages/protocol/src',
];

async function newestMtime(p: string): Promise<number> {
  const s = await stat(p).catch(() => null);
  if (!s) return 0;
  if (!s.isDirectory()) return s.mtimeMs;
  const entries = await readdir(p);
  const times = await Promise.all(entries.map((e) => newestMtime(path.join(p, e))));
  return Math.max(s.mtimeMs, ...times);
}

/** True when apps/web/dist is missing or older than any of its sources. */
async function webBuildIsStale(): Promise<boolean> {
  const built = (await stat(path.join(webDist, 'index.html')).catch(() => null))?.mtimeMs ?? 0;
  const sources = await Promise.all(SOURCES.map((s) => newestMtime(path.join(repoRoot, s))));
  return built < Math.max(...sources);
}

/** Runs `npm run build -w @gomeet/web`. */
export async function buildWeb(): Promise<void> {
  await promisify(execFile)('npm', ['run', 'build', '-w', '@gomeet/web'], {
    cwd: repoRoot,
    maxBuffer: 16 * 1024 * 1024,
  });
}

/** Builds the web app unless dist is newer than every source file. */
export async function ensureWebBuild(): Promise<void> {
  if (await webBuildIsStale()) await buildWeb();
}
