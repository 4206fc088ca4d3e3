import { breakoutStore } from '@gomeet/platform';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { newMeetingCode, startHarness, type Harness } from './harness.js';

describeBackends('chat in breakout rooms on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, inject('redisUrl'));
  });
  afterAll(() => h?.close());

  it('while rooms are open a public message reaches the sender’s room only; after, everyone', async () => {
    const code = newMeetingCode();
    const ann = await h.join(code, { name: 'Ann' });
    const ben = await h.join(code, { name: 'Ben' });
    const cat = await h.join(code, { name: 'Cat' });
    const host = await h.join(code, { name: 'Host', role: 'host' });
    // meeting-service's breakout state, as it writes it: Ann and Ben in room 1, Cat in room 2.
    const rooms = [
      { number: 1, name: 'Room 1' },
      { number: 2, name: 'Room 2' },
    ];
    const assignments = { [ann.actor.id]: 1, [ben.actor.id]: 1, [cat.actor.id]: 2 };
    await breakoutStore.write(h.live, code, {
      rooms,
      assignments,
      open: true,
      endsAt: null,
      help: [],
    });
    const events = await h.listen(code);

    const inRoom = await h.post(code, ann, 'Room 1 only');
    const heardInRoom = await events.waitFor(
      (e) => e.message.type === 'chat.message' && e.message.message.id === inRoom.id,
    );
    expect(heardInRoom.audience).toEqual({ identities: [ann.actor.id, ben.actor.id] });
    const inMain = await h.post(code, host, 'Main room only');
    const heardInMain = await events.waitFor(
      (e) => e.message.type === 'chat.message' && e.message.message.id === inMain.id,
    );
    expect(heardInMain.audience).toEqual({ identities: [host.actor.id] });

    await breakoutStore.write(h.live, code, {
      rooms,
      assignments,
      open: false,
      endsAt: null,
      help: [],
    });
    const after = await h.post(code, ann, 'Everyone again');
    const heardAfter = await events.waitFor(
      (e) => e.message.type === 'chat.message' && e.message.message.id === after.id,
    );
    expect(heardAfter.audience).toBe('all');
  });

  it('history is per room: a breakout room’s chat to whoever (re)joins it, the main room’s when everyone is back', async () => {
    const code = newMeetingCode();
    const ann = await h.join(code, { name: 'Ann' });
    const ben = await h.join(code, { name: 'Ben' });
    const cat = await h.join(code, { name: 'Cat' });
    const host = await h.join(code, { name: 'Host', role: 'host' });
    const texts = async (who: typeof ann) =>
      (await h.history(code, who)).messages.map((m) => m.text);
    const rooms = [
      { number: 1, name: 'Room 1' },
      { number: 2, name: 'Room 2' },
    ];
    const assignments = { [ann.actor.id]: 1, [ben.actor.id]: 1, [cat.actor.id]: 2 };
    const breakouts = (open: boolean) =>
      breakoutStore.write(h.live, code, { rooms, assignments, open, endsAt: null, help: [] });

    await h.post(code, host, 'Welcome, everyone');
    await breakouts(true);
    await h.post(code, ann, 'Room 1 notes');
    await h.post(code, cat, 'Room 2 notes');
    await h.post(code, host, 'Main room while out');
    await h.post(code, ben, 'Psst Cat', { to: cat.actor.id });

    // Ben reloads: he reads Room 1's chat (and his private message), not the others'.
    expect(await texts(ben)).toEqual(['Room 1 notes', 'Psst Cat']);
    expect(await texts(cat)).toEqual(['Room 2 notes', 'Psst Cat']);
    expect(await texts(host)).toEqual(['Welcome, everyone', 'Main room while out']);

    await breakouts(false);
    await h.post(code, ann, 'Back together');
    expect(await texts(ann)).toEqual(['Welcome, everyone', 'Main room while out', 'Back together']);
    expect(await texts(cat)).toEqual([
      'Welcome, everyone',
      'Main room while out',
      'Psst Cat',
      'Back together',
    ]);
  });
});
