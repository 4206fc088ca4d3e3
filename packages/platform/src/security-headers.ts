/**
 * The response headers @fastify/helmet sets with its defaults (CSP aside: the web app sets its
 * own), as constant objects. Helmet computes them per request through generic middleware,
 * which cost ~40 % of a trivial route's throughput here; a fixed set is all we use.
 *
 * Split by what reads them. Every response, the API's JSON too, carries `SECURITY_HEADERS`:
 * HTTPS only, no MIME sniffing, no framing, no cross-origin embedding (OWASP's set for REST
 * APIs, plus CORP). The rest only mean something to a document a browser renders (opener,
 * referrer, DNS prefetch, origin keying, IE and Flash leftovers), so only the web app's
 * responses carry `DOCUMENT_SECURITY_HEADERS`. Node checks and writes each header on every
 * response (~0.5 µs each): seven that a JSON answer never uses were ~5 % of a re-join's CPU.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'cross-origin-resource-policy': 'same-origin',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
});

/** Helmet's defaults that only a rendered document uses; the web app sends them with its CSP. */
export const DOCUMENT_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'cross-origin-opener-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
});

/** Turns a ws(s):// or http(s):// URL into the pair of origins a CSP must allow for it. */
function socketOrigins(url: string): string[] {
  const u = new URL(url);
  const secure = u.protocol === 'wss:' || u.protocol === 'https:';
  return [`${secure ? 'wss' : 'ws'}://${u.host}`, `${secure ? 'https' : 'http'}://${u.host}`];
}

/**
 * The web app's Content-Security-Policy: scripts only from our origin (no inline script, no
 * eval; WebAssembly allowed for audio/video processing), connections to our origin and the
 * LiveKit server (`livekitUrl`: its ws/wss origin for signalling, http/https for its region
 * and validate calls), media from blob:, no plugins, no framing, no <base>. Inline styles stay
 * allowed: React style attributes need them, and they cannot run code. The gateway's
 * security-headers middleware (deployment/digitalocean/traefik-gateway.yaml) sends the same.
 */
export function webAppCsp(options: { livekitUrl?: string | undefined } = {}): string {
  const connect = ["'self'", ...(options.livekitUrl ? socketOrigins(options.livekitUrl) : [])];
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self'",
    "worker-src 'self' blob:",
    `connect-src ${[...new Set(connect)].join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}
