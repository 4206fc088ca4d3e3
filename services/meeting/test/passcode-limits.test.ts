import { createMemoryRateLimiter, createMetrics, type App } from '@gomeet/platform';
import { databaseBackends } from '@gomeet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/index.js';
import { hashPasscode } from '../src/meetings/passcode.js';
import { expectProblem, startHarness, type Harness } from './harness.js';

// Passcode limits do not depend on the database kind; the embedded one is enough here.
const pglite = databaseBackends(null)[0]!;

describe('wrong-passcode limits', () => {
  let h: Harness;
  let app: App;
  const metrics = createMetrics();
  beforeAll(async () => {
    h = await startHarness(pglite, null);
    app = buildApp({
      ...h.deps,
      rateLimiter: createMemoryRateLimiter(),
      passcodeLimits: { perIdentity: 3, perAddress: 5 },
      metrics,
      logLevel: false,
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await h?.close();
  });

  const join = (code: string, token: string, passcode: string, ip = '192.0.2.10') =>
    app.inject({
      method: 'POST',
      url: `/api/meetings/${code}/join`,
      headers: { authorization: `Bearer ${token}` },
      payload: { passcode },
      remoteAddress: ip,
    });
  const meetingWithPasscode = async (passcode = 'blue-door-7') => {
    const host = await h.user();
    return h.create(host.token, { passcode, settings: { lobby: false } });
  };

  it('refuses a guesser after 3 wrong passcodes with 429 and Retry-After, even with the right one', async () => {
    const meeting = await meetingWithPasscode();
    const me = await h.user();
    for (const guess of ['000000', '111111', '222222']) {
      expectProblem(await join(meeting.code, me.token, guess), 403, 'wrong-passcode');
    }
    const refused = await join(meeting.code, me.token, 'blue-door-7');
    expectProblem(refused, 429, 'too-many-attempts');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Another meeting, and another person from elsewhere, are not affected.
    const other = await h.user();
    expect((await join(meeting.code, other.token, 'blue-door-7', '192.0.2.11')).statusCode).toBe(
      200,
    );
    const second = await meetingWithPasscode('green-door');
    expect((await join(second.code, me.token, 'green-door')).statusCode).toBe(200);
    const scraped = await app.inject({ method: 'GET', url: '/metrics' });
    expect(scraped.body).toMatch(/gomeet_rate_limited_total\{scope="passcode-identity"\} 1/);
  });

  it('holds guests who take a new identity for each guess, by meeting and address', async () => {
    const meeting = await meetingWithPasscode();
    for (let i = 0; i < 5; i++) {
      const guest = await h.guest(meeting.code);
      expectProblem(await join(meeting.code, guest.token, `guess-${i}`, '192.0.2.20'), 403);
    }
    const sixth = await h.guest(meeting.code);
    expectProblem(
      await join(meeting.code, sixth.token, 'blue-door-7', '192.0.2.20'),
      429,
      'too-many-attempts',
    );
    const scraped = await app.inject({ method: 'GET', url: '/metrics' });
    expect(scraped.body).toMatch(/gomeet_rate_limited_total\{scope="passcode-address"\} 1/);
  });

  it('counts the meeting however its code is spelled', async () => {
    const meeting = await meetingWithPasscode();
    const me = await h.user();
    const spellings = [meeting.code, meeting.code.toUpperCase(), meeting.code.replaceAll('-', '')];
    for (const code of spellings) {
      expectProblem(await join(code, me.token, 'wrong-one', '192.0.2.30'), 403, 'wrong-passcode');
    }
    expectProblem(await join(meeting.code, me.token, 'blue-door-7', '192.0.2.30'), 429);
  });

  it('asks new meetings for 6 characters, and still opens one made with a shorter passcode', async () => {
    const host = await h.user();
    const res = await h.call('POST', '/api/meetings', host.token, {
      title: 'Short',
      passcode: '12345',
    });
    expectProblem(res, 400);
    expect(res.body).toContain('passcode must be at least 6 characters');
    const meeting = await meetingWithPasscode();
    // As a meeting created before the rule: a 4-character passcode in the row.
    await h.db
      .updateTable('meetings')
      .set({ passcode_hash: await hashPasscode('1234') })
      .where('code', '=', meeting.code)
      .execute();
    const me = await h.user();
    expect((await join(meeting.code, me.token, '1234', '192.0.2.40')).statusCode).toBe(200);
  });
});
