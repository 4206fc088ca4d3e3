import { describeBackends } from '@gomeet/testing/describe-backends';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { expectProblem, startHarness, type Harness } from './harness.js';

// takeSeat counts, checks the ban and opens the stay in one statement under the meeting's row
// lock; these joins race for the last seats and must never get more than there are.
describeBackends('seats under concurrent joins on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, inject('redisUrl'));
  });
  afterAll(() => h?.close());

  const openStays = async (code: string) => {
    const rows = await h.db
      .selectFrom('meeting_attendance')
      .select(['identity', 'role'])
      .where('meeting_code', '=', code)
      .where('left_at', 'is', null)
      .execute();
    return rows;
  };

  it('gives the free seats to exactly as many joiners as fit, guests within their ceiling', async () => {
    const host = await h.user('Hedy Host');
    const meeting = await h.create(host.token, {
      settings: { lobby: false, maxParticipants: 5, maxGuests: 2 },
    });
    expect((await h.join(meeting.code, host.token)).statusCode).toBe(200);
    const guests = await Promise.all(Array.from({ length: 5 }, () => h.guest(meeting.code)));
    const users = await Promise.all(Array.from({ length: 6 }, (_, i) => h.user(`User ${i}`)));
    const answers = await Promise.all(
      [...guests, ...users].map((p) => h.join(meeting.code, p.token)),
    );

    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(4);
    for (const a of answers.filter((a) => a.statusCode !== 200)) {
      expect(a.statusCode, a.body).toBe(409);
      expect(a.json<{ type: string }>().type).toMatch(/meeting-full|guest-limit-reached/);
    }
    const stays = await openStays(meeting.code);
    expect(stays).toHaveLength(5);
    expect(stays.filter((s) => s.role === 'guest').length).toBeLessThanOrEqual(2);
  });

  it('lets the seated back into a full meeting without a second stay, and nobody new', async () => {
    const host = await h.user('Hedy Host');
    const meeting = await h.create(host.token, {
      settings: { lobby: false, maxParticipants: 2 },
    });
    const seated = await h.user('Seated');
    expect((await h.join(meeting.code, host.token)).statusCode).toBe(200);
    expect((await h.join(meeting.code, seated.token)).statusCode).toBe(200);
    const late = await h.user('Late');
    // Reloads racing a newcomer for a seat that is not there.
    const [again, twice, newcomer] = await Promise.all([
      h.join(meeting.code, seated.token),
      h.join(meeting.code, seated.token),
      h.join(meeting.code, late.token),
    ]);
    expect(again.statusCode, again.body).toBe(200);
    expect(twice.statusCode, twice.body).toBe(200);
    expectProblem(newcomer, 409, 'meeting-full');
    expect((await openStays(meeting.code)).map((s) => s.identity).sort()).toEqual(
      [host.actor.id, seated.actor.id].sort(),
    );
  });

  it('never seats someone removed, however many times they race back in', async () => {
    const host = await h.user('Hedy Host');
    const meeting = await h.create(host.token, { settings: { lobby: false } });
    const removed = await h.user('Removed');
    expect((await h.join(meeting.code, host.token)).statusCode).toBe(200);
    expect((await h.join(meeting.code, removed.token)).statusCode).toBe(200);
    const [removal, ...rejoins] = await Promise.all([
      h.act(meeting.code, host.token, `participants/${removed.actor.id}/remove`),
      ...Array.from({ length: 4 }, () => h.join(meeting.code, removed.token)),
    ]);
    expect(removal?.statusCode, removal?.body).toBeLessThan(300);
    for (const r of rejoins) expect([200, 403]).toContain(r.statusCode);
    expectProblem(await h.join(meeting.code, removed.token), 403, 'removed-from-meeting');
    expect((await openStays(meeting.code)).map((s) => s.identity)).toEqual([host.actor.id]);
  });
});
