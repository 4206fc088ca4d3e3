import { startGoMeet } from '@gomeet/server';
import type { Browser } from 'playwright-core';
import { launchChromium, type LaunchOptions } from './chromium.js';
import { ensureWebBuild } from './web-build.js';

export interface Stack {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/** A fresh GoMeet (built web app, API, LiveKit) on loopback and a Chromium to drive it. */
export async function startStack(launch: LaunchOptions = {}): Promise<Stack> {
  await ensureWebBuild();
  const server = await startGoMeet({ logLevel: false });
  const browser = await launchChromium(launch).catch(async (e: unknown) => {
    await server.close();
    throw e;
  });
  return {
    url: server.url,
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
      await server.close();
    },
  };
}
