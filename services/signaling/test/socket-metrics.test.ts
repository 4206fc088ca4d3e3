import { CLOSE } from '@gomeet/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { disconnectReason } from '../src/realtime/socket-metrics.js';
import {
  joinAs,
  memoryCluster,
  meetingCode,
  startInstance,
  type Instance,
} from './socket-harness.js';

describe('gomeet_websocket_disconnects_total', () => {
  const open: Instance[] = [];
  afterEach(async () => {
    for (const i of open.splice(0)) await i.close();
  });

  it('classifies close codes into a bounded set of reasons', () => {
    expect(disconnectReason(1000)).toBe('normal');
    expect(disconnectReason(1001)).toBe('normal');
    expect(disconnectReason(1005)).toBe('normal');
    expect(disconnectReason(1006)).toBe('dropped');
    expect(disconnectReason(CLOSE.IDLE)).toBe('dropped');
    expect(disconnectReason(1011)).toBe('error');
    expect(disconnectReason(CLOSE.ENDED)).toBe('policy');
    expect(disconnectReason(CLOSE.REPLACED)).toBe('policy');
  });

  it('counts an orderly close as normal and a vanished client as dropped', async () => {
    const cluster = await memoryCluster();
    const instance = await startInstance(cluster);
    open.push(instance);
    const value = async (reason: string) => {
      const metric = await instance.metrics.registry
        .getSingleMetric('gomeet_websocket_disconnects_total')
        ?.get();
      return metric?.values.find((v) => v.labels.reason === reason)?.value;
    };
    // Every reason is exported from the start, at zero.
    expect(await value('dropped')).toBe(0);

    const code = meetingCode();
    const ada = await joinAs(cluster, instance, code, { name: 'Ada', role: 'host' });
    const bob = await joinAs(cluster, instance, code, { name: 'Bob' });
    ada.client.ws.close(1000);
    await ada.client.closed;
    // terminate() drops the TCP connection without a close frame: the server sees 1006.
    bob.client.ws.terminate();
    const deadline = Date.now() + 3000;
    while (((await value('dropped')) ?? 0) < 1 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(await value('dropped')).toBe(1);
    expect(await value('normal')).toBe(1);
    expect(await value('policy')).toBe(0);
  });
});
