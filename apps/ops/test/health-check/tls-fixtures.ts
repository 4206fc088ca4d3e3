import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createServer, type Server } from 'node:tls';

/** A self-signed certificate for localhost and 127.0.0.1, made by openssl as an operator would. */
export function selfSigned(
  dir: string,
  days: number,
): { cert: string; key: string; certFile: string } {
  const certFile = path.join(dir, `cert-${days}.pem`);
  const keyFile = path.join(dir, `key-${days}.pem`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-days',
      String(days),
      '-nodes',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  return { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8'), certFile };
}

/** A TLS server on a loopback address that presents `cert`. */
export async function serveTls(
  cert: string,
  key: string,
  address = '127.0.0.1',
): Promise<{ server: Server; host: string }> {
  const server = createServer({ cert, key }, (socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  return { server, host: `${address}:${(server.address() as AddressInfo).port}` };
}
