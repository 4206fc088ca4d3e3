import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium; playwright-core never downloads a browser of its own. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a quiet, loopback-only Chromium with a fake camera, mic and screen. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--no-first-run',
  // The app picks its language from the browser's: the tests read English unless they ask.
  '--lang=en-US',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--auto-select-desktop-capture-source=Entire screen',
  // Background tabs must keep rendering video: several participants share one browser.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

export interface LaunchOptions {
  /** Extra flags, e.g. --use-file-for-fake-video-capture=… */
  args?: string[];
  /** Drop the flags that grant camera and microphone, to see what a person who blocked them sees. */
  denyMedia?: boolean;
}

/** Launches Chromium with a fresh temporary profile (playwright's default for launch()). */
export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const base = options.denyMedia
    ? CHROMIUM_ARGS.filter((a) => a !== '--use-fake-ui-for-media-stream')
    : CHROMIUM_ARGS;
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...base, ...(options.args ?? [])],
  });
}
