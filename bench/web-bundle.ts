/**
 * The web app's JavaScript, in gzip bytes, against the budget of DESIGN.md:
 * - initial: what index.html loads before anything is clicked (its module scripts and
 *   modulepreloads), under 150 KB gzip;
 * - room: the MeetingRoom chunk and the chunks it imports statically that the initial load
 *   did not bring (livekit-client, the LiveKit components, icons), under 300 KB gzip. Chunks the
 *   room loads on first use (effects, polls) are listed, not counted.
 *
 *   npx tsx bench/web-bundle.ts
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildWeb, webDist } from '../apps/web/test/support/web-build.js';

const INITIAL_TARGET_BYTES = 150 * 1024;
const ROOM_TARGET_BYTES = 300 * 1024;

/** The same-origin scripts index.html loads up front, as /assets/… paths. */
function initialScripts(html: string): string[] {
  const urls = new Set<string>();
  const tags = html.match(/<(script|link)\b[^>]*>/g) ?? [];
  for (const tag of tags) {
    const isModuleScript = tag.startsWith('<script') && /type="module"/.test(tag);
    const isPreload = tag.startsWith('<link') && /rel="modulepreload"/.test(tag);
    const url = /(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if ((isModuleScript || isPreload) && url && url.startsWith('/')) urls.add(url);
  }
  return [...urls];
}

/** Static imports of a built chunk (`import … from "./x.js"`, `import "./x.js"`), not import(). */
function staticImports(code: string): string[] {
  const found = code.matchAll(/\b(?:from|import)\s*["']\.\/([^"']+\.js)["']/g);
  return [...found].map((m) => `/assets/${m[1]}`);
}

/** `entry` and every chunk it reaches through static imports, minus those in `loaded`. */
async function closure(entry: string, loaded: Set<string>): Promise<string[]> {
  const seen = new Set<string>();
  const queue = [entry];
  for (let url = queue.pop(); url !== undefined; url = queue.pop()) {
    if (seen.has(url) || loaded.has(url)) continue;
    seen.add(url);
    queue.push(...staticImports(await readFile(path.join(webDist, url), 'utf8')));
  }
  return [...seen];
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** Prints each file and returns the gzip total. */
async function measure(title: string, urls: string[]): Promise<number> {
  console.log(title);
  let total = 0;
  for (const url of urls) {
    const body = await readFile(path.join(webDist, url));
    const zipped = gzipSync(body, { level: 9 }).length;
    total += zipped;
    console.log(`  ${url}  ${kb(body.length)} raw, ${kb(zipped)} gzip`);
  }
  return total;
}

function verdict(name: string, bytes: number, target: number): boolean {
  const pass = bytes < target;
  console.log(`${name}: ${kb(bytes)} gzip, target < ${kb(target)} → ${pass ? 'PASS' : 'FAIL'}`);
  return pass;
}

async function main(): Promise<void> {
  await buildWeb();
  const initial = initialScripts(await readFile(path.join(webDist, 'index.html'), 'utf8'));
  const assets = (await readdir(path.join(webDist, 'assets'))).filter((f) => f.endsWith('.js'));
  const roomEntry = assets.find((f) => f.startsWith('MeetingRoom-'));
  if (!roomEntry) throw new Error('no MeetingRoom-*.js chunk in apps/web/dist/assets');
  const room = await closure(`/assets/${roomEntry}`, new Set(initial));
  const counted = new Set([...initial, ...room]);
  const lazy = assets.map((f) => `/assets/${f}`).filter((u) => !counted.has(u));

  const initialBytes = await measure(
    'initial JavaScript (index.html scripts + modulepreloads):',
    initial,
  );
  const roomBytes = await measure('room (MeetingRoom and its static imports):', room);
  await measure('loaded on first use (not counted):', lazy);
  console.log('');
  const ok = [
    verdict('initial JS', initialBytes, INITIAL_TARGET_BYTES),
    verdict('room chunk', roomBytes, ROOM_TARGET_BYTES),
  ].every(Boolean);
  process.exitCode = ok ? 0 : 1;
}

await main();
