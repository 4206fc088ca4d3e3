import type { BrowserContext } from 'playwright-core';

/** Every URL a browser context requests (pages, workers and worklets), in order. */
export function logRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (r) => urls.push(r.url()));
  return urls;
}

/**
 * The requests that went anywhere but this machine's loopback: the app and LiveKit both run on
 * 127.0.0.1 here, so anything else is a CDN or another outside host. data: and blob: stay local.
 */
export function outsideRequests(urls: string[]): string[] {
  return urls.filter((u) => {
    const { protocol, hostname } = new URL(u);
    if (protocol === 'data:' || protocol === 'blob:') return false;
    return hostname !== '127.0.0.1' && hostname !== 'localhost';
  });
}
