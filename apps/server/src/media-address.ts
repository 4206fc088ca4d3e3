import { networkInterfaces } from 'node:os';

type Interfaces = ReturnType<typeof networkInterfaces>;

const wildcard = new Set(['0.0.0.0', '::', '']);

/** True for addresses and names that only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || h.startsWith('127.');
}

/** The first non-internal IPv4 address of this machine, or undefined when it has none. */
export function firstExternalIPv4(
  interfaces: Interfaces = networkInterfaces(),
): string | undefined {
  for (const list of Object.values(interfaces)) {
    const found = list?.find((i) => i.family === 'IPv4' && !i.internal);
    if (found) return found.address;
  }
  return undefined;
}

/** Where the embedded LiveKit listens: HOST itself (`localhost` means 127.0.0.1). */
export function livekitBindAddress(host: string): string {
  if (host === 'localhost') return '127.0.0.1';
  return host === '::' ? '0.0.0.0' : host;
}

/**
 * The address LiveKit advertises in its ICE candidates: LIVEKIT_NODE_IP when set, else HOST, or
 * for a wildcard HOST the machine's first non-internal IPv4 address (loopback if it has none).
 */
export function livekitNodeIp(
  host: string,
  nodeIp: string | undefined,
  interfaces: Interfaces = networkInterfaces(),
): string {
  if (nodeIp) return nodeIp;
  if (wildcard.has(host)) return firstExternalIPv4(interfaces) ?? '127.0.0.1';
  return livekitBindAddress(host);
}

/** What decides the LiveKit URL a browser is handed. */
export interface LiveKitClientUrlOptions {
  /** LIVEKIT_PUBLIC_URL: used as given. */
  livekitPublicUrl?: string | undefined;
  /** PUBLIC_URL when it was set. */
  publicUrl?: string | undefined;
  /** The embedded LiveKit's signalling port. */
  livekitPort: number;
  /** The address LiveKit advertises (see {@link livekitNodeIp}). */
  nodeIp: string;
  /** TLS is on: LiveKit's signalling is proxied under the same origin at /rtc. */
  tls: boolean;
}

/**
 * The ws(s):// URL of the embedded LiveKit that a browser which reached GoMeet at `requestHost`
 * (the request's Host, `name[:port]`) can use: LIVEKIT_PUBLIC_URL when set; with TLS the same
 * origin (LiveKit's signalling is proxied at /rtc); else the same host name on LiveKit's port.
 * Without a usable request host, PUBLIC_URL's host, else the advertised address. Loopback names
 * map to 127.0.0.1, where LiveKit listens by default.
 */
export function livekitClientUrl(o: LiveKitClientUrlOptions, requestHost?: string): string {
  if (o.livekitPublicUrl) return o.livekitPublicUrl.replace(/\/+$/, '');
  const fallback = o.publicUrl ? new URL(o.publicUrl).host : undefined;
  const origin = requestHost || fallback;
  if (o.tls) return `wss://${origin ?? `${o.nodeIp}:443`}`;
  const name = origin ? new URL(`http://${origin}`).hostname : o.nodeIp;
  const hostname = isLoopback(name) && isLoopback(o.nodeIp) ? o.nodeIp : name;
  return `ws://${hostname}:${o.livekitPort}`;
}
