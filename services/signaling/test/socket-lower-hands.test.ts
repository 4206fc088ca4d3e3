import { publishToMeeting } from '@gomeet/platform';
import { afterEach, describe, expect, it } from 'vitest';
import {
  joinAs,
  memoryCluster,
  meetingCode,
  startInstance,
  type Instance,
} from './socket-harness.js';

describe('signaling socket: a host lowers hands', () => {
  const open: Instance[] = [];
  afterEach(async () => {
    for (const i of open.splice(0)) await i.close();
  });

  it('lowers one hand, then every hand, on sockets held by two instances', async () => {
    const cluster = await memoryCluster();
    const [a, b] = [await startInstance(cluster), await startInstance(cluster)];
    open.push(a, b);
    const code = meetingCode();
    const host = await joinAs(cluster, a, code, { name: 'Hana', role: 'host' });
    const pat = await joinAs(cluster, a, code, { name: 'Pat' });
    const quinn = await joinAs(cluster, b, code, { name: 'Quinn' });
    const queue = (hands: string[]) => (m: { hands: string[] }) =>
      JSON.stringify(m.hands) === JSON.stringify(hands);
    const [patId, quinnId] = [pat.actor.id, quinn.actor.id];

    pat.client.send({ type: 'hand', raised: true });
    await host.client.next('hands', queue([patId]));
    // The queue orders by the millisecond a hand went up; two in the same one tie.
    await new Promise((r) => setTimeout(r, 5));
    quinn.client.send({ type: 'hand', raised: true });
    await host.client.next('hands', queue([patId, quinnId]));

    const lowered = { type: 'hands.lowered' as const, by: 'Hana' };
    await publishToMeeting(cluster.bus, code, { ...lowered, who: [patId] });
    await host.client.next('hands', queue([quinnId]));
    // Pat hears his own hand go down.
    await pat.client.next(
      'presence.updated',
      (m) => m.participant.identity === patId && m.participant.handRaisedAt === null,
    );

    // Pat's socket knows its hand is down: raising it again is a change, not a repeat.
    pat.client.send({ type: 'hand', raised: true });
    await host.client.next('hands', queue([quinnId, patId]));

    await publishToMeeting(cluster.bus, code, { ...lowered, who: 'all' });
    await host.client.next('hands', queue([]));
    await quinn.client.next('hands', queue([]));
    const late = await joinAs(cluster, b, code, { name: 'Late' });
    expect(late.welcome.hands).toEqual([]);
    expect(late.welcome.participants.every((p) => p.handRaisedAt === null)).toBe(true);
  });
});
