import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
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
    // The room (livekit-client + components) is a lazy chunk; only the shell is preloaded.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 800,
  },
  server: { host: '127.0.0.1' },
});
