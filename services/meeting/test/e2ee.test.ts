import type { JoinResult, Meeting } from '@gomeet/protocol';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { expectProblem, liveMeeting, startHarness, type Harness } from './harness.js';

describeBackends('end-to-end encrypted meetings on $name', (backend) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness(backend, inject('redisUrl'));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('keeps the setting (never a key), tells joiners, and refuses to record with 409 meeting-encrypted', async () => {
    const { host, meeting, people } = await liveMeeting(h, 1, { e2ee: true });
    expect(meeting.settings.e2ee).toBe(true);
    const read = await h.call('GET', `/api/meetings/${meeting.code}`, host.token);
    expect(read.json<Meeting>().settings.e2ee).toBe(true);
    // The server stores whether it is encrypted and nothing that looks like a key.
    const row = await h.db
      .selectFrom('meetings')
      .selectAll()
      .where('code', '=', meeting.code)
      .executeTakeFirstOrThrow();
    expect(row.e2ee).toBe(true);
    expect(Object.keys(row).filter((k) => /key|secret/i.test(k))).toEqual([]);

    const guestish = people[0];
    if (!guestish) throw new Error('one participant');
    const joined = (await h.join(meeting.code, guestish.token)).json<JoinResult>();
    expect(joined).toMatchObject({ status: 'joined', e2ee: true });

    const refused = await h.call(
      'POST',
      `/api/meetings/${meeting.code}/recordings`,
      host.token,
      {},
    );
    expectProblem(refused, 409, 'meeting-encrypted');
    expect(refused.json<{ detail: string }>().detail).toMatch(/cannot record it/);
    const none = await h.call('GET', `/api/meetings/${meeting.code}/recordings`, host.token);
    expect(none.json()).toEqual({ recordings: [] });
  });

  it('answers e2ee false for a plain meeting, and lets the host turn encryption on before, not during, the meeting', async () => {
    const host = await h.user('Hedy Host');
    const plain = await h.create(host.token, { settings: { lobby: false } });
    expect(plain.settings.e2ee).toBe(false);

    const on = await h.call('PATCH', `/api/meetings/${plain.code}`, host.token, {
      settings: { e2ee: true },
    });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json<Meeting>().settings).toMatchObject({ e2ee: true, lobby: false });

    expect((await h.join(plain.code, host.token)).json<JoinResult>()).toMatchObject({
      e2ee: true,
    });
    // Live now: flipping it would split the room into those who encrypt and those who do not.
    const off = await h.call('PATCH', `/api/meetings/${plain.code}`, host.token, {
      settings: { e2ee: false },
    });
    expectProblem(off, 409, 'e2ee-while-live');
    const same = await h.call('PATCH', `/api/meetings/${plain.code}`, host.token, {
      title: 'Renamed',
      settings: { e2ee: true },
    });
    expect(same.statusCode, same.body).toBe(200);
  });
});
