import { checkServerIdentity, connect, type PeerCertificate } from 'node:tls';
import type { CheckContext } from '../check-context.js';
import { oneLine, result, type CheckResult } from '../report.js';

/** Fewer days than this before expiry is a warning. */
export const CERT_WARN_DAYS = 14;

interface Handshake {
  cert: PeerCertificate;
  authorizationError?: string;
}

/** Splits "host[:port]" (port 443 by default); accepts a URL too. */
export function parseHost(spec: string): { host: string; port: number } {
  const bare = spec.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(bare);
  if (!m?.[1]) throw new Error(`not a host[:port]: ${spec}`);
  return { host: m[1].replace(/^\[|\]$/g, ''), port: m[2] ? Number(m[2]) : 443 };
}

function handshake(
  host: string,
  port: number,
  servername: string,
  ca: string | undefined,
  timeoutMs: number,
): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    // rejectUnauthorized: false so an untrusted certificate is still read and reported, not just refused.
    const socket = connect({
      host,
      port,
      servername,
      rejectUnauthorized: false,
      ...(ca ? { ca } : {}),
      timeout: timeoutMs,
    });
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      const authorizationError = socket.authorized ? undefined : String(socket.authorizationError);
      socket.end();
      resolve(authorizationError ? { cert, authorizationError } : { cert });
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`no TLS handshake within ${timeoutMs} ms`));
    });
    socket.once('error', reject);
  });
}

/** The public host's certificate from a real handshake: trusted, matching the name, days to expiry. */
export async function tlsChecks(ctx: CheckContext): Promise<CheckResult[]> {
  if (!ctx.host)
    return [
      result(
        'tls-certificate',
        'network',
        'skip',
        'no public host: set GOMEET_PUBLIC_HOST or pass --host',
      ),
    ];
  try {
    const { host, port } = parseHost(ctx.host);
    // An IP address cannot be sent as SNI; the name check then uses the address itself.
    const servername = /^[\d.]+$|:/.test(host) ? '' : host;
    const { cert, authorizationError } = await handshake(
      host,
      port,
      servername,
      ctx.ca,
      ctx.timeoutMs,
    );
    if (!cert.valid_to)
      return [
        result('tls-certificate', 'network', 'fail', `${host}:${port} presented no certificate`),
      ];
    const days = Math.floor((Date.parse(cert.valid_to) - ctx.now().getTime()) / 86_400_000);
    const where = `${host}:${port}`;
    const extra = { value: days, threshold: CERT_WARN_DAYS };
    if (days < 0)
      return [
        result(
          'tls-certificate',
          'network',
          'fail',
          `${where}: certificate expired on ${cert.valid_to}`,
          extra,
        ),
      ];
    const mismatch = checkServerIdentity(host, cert);
    if (mismatch)
      return [result('tls-certificate', 'network', 'fail', `${where}: ${mismatch.message}`, extra)];
    if (authorizationError) {
      return [
        result(
          'tls-certificate',
          'network',
          'fail',
          `${where}: certificate not trusted (${authorizationError}); pass --ca FILE for a private CA`,
          extra,
        ),
      ];
    }
    const status = days < CERT_WARN_DAYS ? 'warn' : 'pass';
    return [
      result(
        'tls-certificate',
        'network',
        status,
        `${where}: valid for ${days} more day(s), until ${cert.valid_to}`,
        extra,
      ),
    ];
  } catch (error) {
    return [
      result(
        'tls-certificate',
        'network',
        'fail',
        `TLS handshake with ${ctx.host} failed: ${oneLine(error)}`,
      ),
    ];
  }
}
