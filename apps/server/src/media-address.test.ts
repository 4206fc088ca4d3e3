import { describe, expect, it } from 'vitest';
import { livekitClientUrl, livekitNodeIp } from './media-address.js';

const lan = {
  lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
  eth0: [
    { address: 'fe80::1', family: 'IPv6', internal: false },
    { address: '192.168.1.20', family: 'IPv4', internal: false },
  ],
} as unknown as Parameters<typeof livekitNodeIp>[2];

describe('where the embedded LiveKit is reached', () => {
  it('advertises HOST, LIVEKIT_NODE_IP when set, or for 0.0.0.0 the first non-internal IPv4', () => {
    expect(livekitNodeIp('127.0.0.1', undefined, lan)).toBe('127.0.0.1');
    expect(livekitNodeIp('192.0.2.1', undefined, lan)).toBe('192.0.2.1');
    expect(livekitNodeIp('0.0.0.0', undefined, lan)).toBe('192.168.1.20');
    expect(livekitNodeIp('0.0.0.0', '203.0.113.7', lan)).toBe('203.0.113.7');
    expect(livekitNodeIp('0.0.0.0', undefined, { lo: lan!.lo })).toBe('127.0.0.1');
  });

  it('hands a browser LiveKit on the host it reached GoMeet at, keeping loopback the default', () => {
    const base = { livekitPort: 7880, nodeIp: '127.0.0.1', tls: false };
    expect(livekitClientUrl(base)).toBe('ws://127.0.0.1:7880');
    expect(livekitClientUrl(base, 'localhost:8080')).toBe('ws://127.0.0.1:7880');
    const wide = { ...base, nodeIp: '192.168.1.20' };
    expect(livekitClientUrl(wide, '192.168.1.20:8080')).toBe('ws://192.168.1.20:7880');
    expect(livekitClientUrl(wide, 'meet.lan:8080')).toBe('ws://meet.lan:7880');
    expect(livekitClientUrl({ ...wide, publicUrl: 'http://meet.lan:8080' })).toBe(
      'ws://meet.lan:7880',
    );
    expect(livekitClientUrl(wide)).toBe('ws://192.168.1.20:7880');
  });

  it('uses the same origin under TLS and LIVEKIT_PUBLIC_URL as given', () => {
    const tls = { livekitPort: 7880, nodeIp: '192.168.1.20', tls: true };
    expect(livekitClientUrl(tls, 'meet.lan:8443')).toBe('wss://meet.lan:8443');
    expect(
      livekitClientUrl({ ...tls, livekitPublicUrl: 'wss://media.example.com/' }, 'meet.lan:8443'),
    ).toBe('wss://media.example.com');
  });
});
