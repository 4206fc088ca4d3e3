import { isIP } from 'node:net';

// TEST-NET-1/2/3 (RFC 5737): addresses a test namespace may use; nothing routes them outside.
const TEST_NETS = [/^192\.0\.2\./, /^198\.51\.100\./, /^203\.0\.113\./];

/** True when `url` points at this machine (loopback) or at a TEST-NET address. */
export function isLocalTarget(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.') || TEST_NETS.some((r) => r.test(host));
  if (isIP(host) === 6) return host === '::1';
  return false;
}

/**
 * Why `raw` may not be load-tested, or undefined when it may: a URL is required, and only
 * loopback or TEST-NET targets are allowed unless the operator says `--allow-remote`.
 */
export function refuseTarget(raw: string | undefined, allowRemote: boolean): string | undefined {
  if (!raw) return '--target URL is required (e.g. http://192.0.2.1:8080)';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `--target must be a URL, not ${JSON.stringify(raw)}`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `--target must be http(s)://, not ${url.protocol}`;
  if (!allowRemote && !isLocalTarget(url))
    return `--target ${url.host} is neither loopback nor TEST-NET; pass --allow-remote to load-test a deployment you run`;
  return undefined;
}
