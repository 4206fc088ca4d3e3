import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// `npm run dev -w @gomeet/web` serves the UI with hot reload and sends API calls to a running
// GoMeet (`npm start`), so both share one origin as they do in production.
const api = process.env.GOMEET_URL ?? 'http://127.0.0.1:8080';

/** Where the app fetches them (media/background-effect.ts's SEGMENTATION_ASSETS). */
const PREFIX = 'effects/segmentation/';
const TYPES: Record<string, string> = { '.wasm': 'application/wasm', '.js': 'text/javascript' };

/**
 * MediaPipe Selfie Segmentation's WASM, its loader, graph and models, as the npm package
 * @shiguredo/virtual-background ships them: copied into the build (and served by the dev
 * server) under /effects/segmentation/, so nothing is fetched from a CDN. The app loads them
 * by name at run time, so they keep their names instead of getting hashes.
 */
function segmentationAssets(): Plugin {
  const dir = path.dirname(createRequire(import.meta.url).resolve('@shiguredo/virtual-background'));
  const files = readdirSync(dir).filter((f) =>
    /(\.wasm|\.tflite|\.binarypb|_wasm_bin\.js)$/.test(f),
  );
  return {
    name: 'gomeet-segmentation-assets',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const name = req.url?.split('?')[0]?.replace(`/${PREFIX}`, '');
        if (!req.url?.startsWith(`/${PREFIX}`) || !name || !files.includes(name)) return next();
        res.setHeader('content-type', TYPES[path.extname(name)] ?? 'application/octet-stream');
        res.end(readFileSync(path.join(dir, name)));
      });
    },
    generateBundle() {
      for (const file of files) {
        this.emitFile({
          type: 'asset',
          fileName: PREFIX + file,
          source: readFileSync(path.join(dir, file)),
        });
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), segmentationAssets()],
  resolve: {
    alias: {
      '@gomeet/protocol': fileURLToPath(
        new URL('../../packages/protocol/src/index.ts', import.meta.url),
      ),
    },
  },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    // Every browser we support has modulepreload; the polyfill would only add bytes.
    modulePreload: { polyfill: false },
    // The room chunk (livekit-client + components) is big by nature and loaded lazily.
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod ships /* @__PURE__ */ comments in places Rollup ignores: harmless, and not ours.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
  server: { host: '127.0.0.1', proxy: { '/api': api } },
});
