import type { Meeting } from '@gomeet/protocol';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { expectProblem, startHarness, type Harness } from './harness.js';

describeBackends('the guest ceiling on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, inject('redisUrl'));
  });
  afterAll(() => h?.close());

  it('defaults to the meeting’s capacity and is set on create and update', async () => {
    const host = await h.user();
    const meeting = await h.create(host.token);
    expect(meeting.settings.maxGuests).toBeNull();
    const capped = await h.create(host.token, { settings: { maxGuests: 3 } });
    expect(capped.settings.maxGuests).toBe(3);
    const res = await h.call('PATCH', `/api/meetings/${capped.code}`, host.token, {
      settings: { maxGuests: 7 },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Meeting>().settings).toMatchObject({ maxGuests: 7, maxParticipants: 500 });
  });

  it('refuses a ceiling above the capacity, naming the field', async () => {
    const host = await h.user();
    const res = await h.call('POST', '/api/meetings', host.token, {
      title: 'Small',
      settings: { maxParticipants: 10, maxGuests: 11 },
    });
    expectProblem(res, 400, 'validation');
    expect(res.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe(
      'body.settings.maxGuests',
    );
  });

  it('lets guests in up to the ceiling, then refuses them with a clear problem, not members', async () => {
    const host = await h.user();
    const meeting = await h.create(host.token, { settings: { lobby: false, maxGuests: 2 } });
    for (let i = 0; i < 2; i++) {
      const guest = await h.guest(meeting.code, `Guest ${i}`);
      expect((await h.join(meeting.code, guest.token)).statusCode).toBe(200);
    }
    const third = await h.guest(meeting.code, 'Guest 3');
    const refused = await h.join(meeting.code, third.token);
    expectProblem(refused, 409, 'guest-limit-reached');
    expect(refused.json<{ detail: string }>().detail).toMatch(
      /as many guests as its host allows \(2\)/,
    );
    const member = await h.user('Signed-in Sam');
    expect((await h.join(meeting.code, member.token)).statusCode).toBe(200);
  });

  it('refuses guests past the ceiling before the lobby, so they cannot flood it', async () => {
    const host = await h.user();
    const meeting = await h.create(host.token, { settings: { lobby: true, maxGuests: 0 } });
    const guest = await h.guest(meeting.code);
    expectProblem(await h.join(meeting.code, guest.token), 409, 'guest-limit-reached');
    const lobby = await h.call('GET', `/api/meetings/${meeting.code}/lobby`, host.token);
    expect(lobby.json<{ entries: unknown[] }>().entries).toEqual([]);
  });
});
