import type { App } from '@gomeet/platform';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { recordParticipantLeft } from '../src/index.js';
import { expectProblem, startTwoPods, type Harness, type TwoPods } from './harness.js';

/** Well inside the cache's 5 s expiry: only the bus invalidation can make these pass. */
const soon = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 2_500, interval: 20 });

// Two meeting-service instances on one PostgreSQL and one Redis, as two pods: each has its own
// Redis connection, bus and meeting cache; they share the database and live state.
const redisUrl = inject('redisUrl');

describeBackends(
  'two meeting-service instances on $name and Redis',
  (backend) => {
    let pods: TwoPods;
    let h: Harness;
    let other: App;
    beforeAll(async () => {
      pods = await startTwoPods(backend, redisUrl);
      ({ h, other } = pods);
    });
    afterAll(() => pods?.close());

    const joinVia = (app: App, code: string, token: string) =>
      app.inject({
        method: 'POST',
        url: `/api/meetings/${code}/join`,
        headers: { authorization: `Bearer ${token}` },
        payload: {},
      });

    it('sees a lock, a lower guest ceiling and the end made on the other instance', async () => {
      const host = await h.user('Hedy Host');
      const meeting = await h.create(host.token, { settings: { lobby: false } });
      const inside = await h.user('Already In');
      // Both instances have the meeting cached, and someone holds a seat.
      expect((await joinVia(h.app, meeting.code, host.token)).statusCode).toBe(200);
      expect((await joinVia(other, meeting.code, inside.token)).statusCode).toBe(200);

      const lock = await h.call('POST', `/api/meetings/${meeting.code}/lock`, host.token, {
        locked: true,
      });
      expect(lock.statusCode, lock.body).toBe(200);
      const newcomer = await h.user('New Person');
      await soon(async () => (await joinVia(other, meeting.code, newcomer.token)).statusCode).toBe(
        403,
      );
      expect((await joinVia(other, meeting.code, inside.token)).statusCode).toBe(200);
      await h.call('POST', `/api/meetings/${meeting.code}/lock`, host.token, { locked: false });

      const ceiling = await h.call('PATCH', `/api/meetings/${meeting.code}`, host.token, {
        settings: { maxGuests: 0 },
      });
      expect(ceiling.statusCode, ceiling.body).toBe(200);
      const guest = await h.guest(meeting.code);
      await soon(async () => (await joinVia(other, meeting.code, guest.token)).statusCode).toBe(
        409,
      );

      const end = await h.call('POST', `/api/meetings/${meeting.code}/end`, host.token);
      expect(end.statusCode, end.body).toBe(200);
      // The seat marks go with the meeting at once, so not even a seated re-join gets through.
      expectProblem(await joinVia(other, meeting.code, inside.token), 410, 'meeting-ended');
    });

    it('gives the last seats and guest places to exactly as many people as fit, across both', async () => {
      const host = await h.user('Hedy Host');
      const meeting = await h.create(host.token, {
        settings: { lobby: false, maxParticipants: 6, maxGuests: 2 },
      });
      expect((await joinVia(other, meeting.code, host.token)).statusCode).toBe(200);
      const guests = await Promise.all(Array.from({ length: 6 }, () => h.guest(meeting.code)));
      const users = await Promise.all(Array.from({ length: 8 }, (_, i) => h.user(`User ${i}`)));
      const everyone = [...guests, ...users];
      const answers = await Promise.all(
        everyone.map((p, i) => joinVia(i % 2 ? other : h.app, meeting.code, p.token)),
      );
      const seated = answers.filter((a) => a.statusCode === 200);
      expect(seated).toHaveLength(5); // six seats, the host holds one
      const guestsIn = answers.slice(0, guests.length).filter((a) => a.statusCode === 200);
      expect(guestsIn.length).toBeLessThanOrEqual(2);
      for (const a of answers) if (a.statusCode !== 200) expect(a.statusCode).toBe(409);
      const open = await h.db
        .selectFrom('meeting_attendance')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('meeting_code', '=', meeting.code)
        .where('left_at', 'is', null)
        .executeTakeFirstOrThrow();
      expect(Number(open.n)).toBe(6);
    });

    it('frees a seat for good when its holder leaves: their re-join must find room again', async () => {
      const host = await h.user('Hedy Host');
      const meeting = await h.create(host.token, {
        settings: { lobby: false, maxParticipants: 2 },
      });
      const first = await h.user('First');
      const second = await h.user('Second');
      expect((await joinVia(h.app, meeting.code, host.token)).statusCode).toBe(200);
      expect((await joinVia(other, meeting.code, first.token)).statusCode).toBe(200);
      expect((await joinVia(other, meeting.code, first.token)).statusCode).toBe(200); // a reload
      const left = await recordParticipantLeft({
        ctx: { db: h.db, live: h.live },
        input: { code: meeting.code, identity: first.actor.id, at: new Date(Date.now() + 2000) },
      });
      expect(left).toBe(true);
      expect((await joinVia(h.app, meeting.code, second.token)).statusCode).toBe(200);
      expectProblem(await joinVia(other, meeting.code, first.token), 409, 'meeting-full');
    });
  },
  { only: 'postgres', redis: true },
);
