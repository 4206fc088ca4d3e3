/**
 * Initial JavaScript of the web app, in gzip bytes: what index.html loads before anything is
 * clicked (its module scripts and modulepreloads), not the lazy chunks such as the room.
 * Target (DESIGN.md): under 300 KB gzip.
 *
 *   npx tsx bench/web-bundle.ts
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildWeb, webDist } from '../apps/web/test/support/web-build.js';

const TARGET_BYTES = 300 * 1024;

/** The same-origin scripts index.html loads up front. */
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

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  await buildWeb();
  const html = await readFile(path.join(webDist, 'index.html'), 'utf8');
  const initial = initialScripts(html);
  let raw = 0;
  let gzip = 0;
  console.log('initial JavaScript (index.html scripts + modulepreloads):');
  for (const url of initial) {
    const body = await readFile(path.join(webDist, url));
    const zipped = gzipSync(body, { level: 9 }).length;
    raw += body.length;
    gzip += zipped;
    console.log(`  ${url}  ${kb(body.length)} raw, ${zipped} B gzip`);
  }

  const assets = await readdir(path.join(webDist, 'assets'));
  const lazy = assets.filter((f) => f.endsWith('.js') && !initial.includes(`/assets/${f}`));
  console.log('lazy chunks (loaded on demand, not counted):');
  for (const f of lazy) {
    const body = await readFile(path.join(webDist, 'assets', f));
    console.log(
      `  /assets/${f}  ${kb(body.length)} raw, ${gzipSync(body, { level: 9 }).length} B gzip`,
    );
  }

  console.log('');
  console.log(
    `initial JS: ${gzip} B gzip (${kb(gzip)}), ${kb(raw)} raw, ${initial.length} file(s)`,
  );
  console.log(`target: < ${TARGET_BYTES} B gzip → ${gzip < TARGET_BYTES ? 'PASS' : 'FAIL'}`);
  process.exitCode = gzip < TARGET_BYTES ? 0 : 1;
}

await main();
