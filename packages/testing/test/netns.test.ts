import { describe, expect, it } from 'vitest';
import { startInTestNetns, testNetnsUnavailableReason } from '../src/netns.js';

const unavailable = testNetnsUnavailableReason();
if (unavailable && process.env.CI === 'true')
  throw new Error(`CI needs a test network namespace: ${unavailable}`);
if (unavailable) console.warn(`skipping test namespace tests: ${unavailable}`);

describe.skipIf(unavailable !== undefined)('startInTestNetns', () => {
  it('gives the command a veth pair with both TEST-NET-1 addresses and no other interface', async () => {
    const ns = startInTestNetns(['ip', '-o', '-4', 'addr', 'show']);
    expect(await ns.exited).toBe(0);
    const { stdout } = ns.output();
    expect(stdout).toContain(`inet ${ns.serverAddress}/24`);
    expect(stdout).toContain(`inet ${ns.clientAddress}/24`);
    const interfaces = new Set(
      stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(/\s+/)[1]),
    );
    expect([...interfaces].sort()).toEqual(['lo', 'v0', 'v1']);
  });

  it('carries TCP from the client address to the server address, and stop() ends the command', async () => {
    const script = `
      const net = require('node:net');
      const server = net.createServer((s) => s.end('hello')).listen(0, '192.0.2.1', () => {
        const c = net.connect({ host: '192.0.2.1', port: server.address().port, localAddress: '192.0.2.2' });
        c.on('data', (d) => console.log('got ' + d + ' from ' + c.remoteAddress + ' via ' + c.localAddress));
      });`;
    const ns = startInTestNetns([process.execPath, '-e', script]);
    const deadline = Date.now() + 10_000;
    while (!ns.output().stdout.includes('got') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(ns.output().stdout).toContain('got hello from 192.0.2.1 via 192.0.2.2');
    await ns.stop(1_000);
    expect(ns.child.exitCode !== null || ns.child.signalCode !== null).toBe(true);
  });
});
