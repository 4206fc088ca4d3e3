import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Workspace packages resolve to their sources, so tests never need a build first.
const alias = {
  // Subpaths before their package, which would otherwise take them as a prefix.
  '@gomeet/platform/helpers': here('./packages/platform/src/helpers.ts'),
  '@gomeet/platform': here('./packages/platform/src/index.ts'),
  '@gomeet/testing/describe-backends': here('./packages/testing/src/describe-backends.ts'),
  '@gomeet/testing/smtp-inbox': here('./packages/testing/src/smtp-inbox.ts'),
  '@gomeet/testing/oidc-provider': here('./packages/testing/src/oidc-provider.ts'),
  '@gomeet/testing': here('./packages/testing/src/index.ts'),
  '@gomeet/protocol': here('./packages/protocol/src/index.ts'),
  '@gomeet/auth': here('./services/auth/src/index.ts'),
  '@gomeet/meeting': here('./services/meeting/src/index.ts'),
  '@gomeet/chat': here('./services/chat/src/index.ts'),
  '@gomeet/signaling': here('./services/signaling/src/index.ts'),
  '@gomeet/recorder': here('./services/recorder/src/index.ts'),
  '@gomeet/server': here('./apps/server/src/index.ts'),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['{packages,services,apps}/*/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['{packages,services,apps}/*/test/**/*.test.ts', 'deployment/test/**/*.test.ts'],
          exclude: ['apps/web/**', '**/node_modules/**'],
          environment: 'node',
          globalSetup: [here('./packages/testing/src/global-setup.ts')],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'browser',
          include: ['apps/web/test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
