import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createMailer } from '@gomeet/platform';
import { MAX_INVITEES } from '@gomeet/protocol';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { startSmtpInbox, type SmtpInbox } from '@gomeet/testing/smtp-inbox';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { INVITATION_LIMIT } from '../src/invitations/send-invitations.js';
import { expectProblem, PUBLIC_URL, startHarness, type Harness } from './harness.js';

const FROM = 'GoMeet <gomeet@gomeet.test>';
const weekly = {
  title: 'Design review',
  startsAt: '2031-03-03T09:30:00.000Z',
  durationMinutes: 45,
  passcode: 'sesame-4711',
  recurrence: { frequency: 'weekly', weekdays: ['MO', 'WE'] },
};

/** A fresh address per test: the inbox is shared by the file. */
const address = (who: string) => `${who}-${crypto.randomUUID().slice(0, 8)}@example.test`;

describeBackends('emailed invitations on $name', (backend) => {
  let h: Harness;
  let inbox: SmtpInbox;
  beforeAll(async () => {
    inbox = await startSmtpInbox();
    const mailer = createMailer({ smtpUrl: inbox.url, from: FROM, folder: '' });
    h = await startHarness(backend, inject('redisUrl'), { mailer });
  });
  afterAll(async () => {
    await h?.close();
    await inbox?.close();
  });

  const invite = (code: string, token: string, body: object) =>
    h.call('POST', `/api/meetings/${code}/invitations`, token, body);

  it('mails each address the title, time and repeat, the join link without the passcode, and the .ics with its RRULE', async () => {
    const host = await h.user('Hedy Host');
    const meeting = await h.create(host.token, weekly);
    const [ann, bob] = [address('ann'), address('bob')];
    const res = await invite(meeting.code, host.token, {
      emails: [ann, ` ${bob.toUpperCase()} `, ann],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ sent: [ann, bob], includesPasscode: false });

    for (const to of [ann, bob]) {
      const mail = await inbox.waitFor(to, /^Invitation: Design review$/);
      expect(mail.text).toContain('Hedy Host invites you to a GoMeet meeting: Design review');
      expect(mail.text).toContain(`Join: ${PUBLIC_URL}/m/${meeting.code}\n`);
      expect(mail.text).toContain('Monday, 3 March 2031 at 09:30 (UTC) for 45 minutes');
      expect(mail.text).toMatch(/Repeats: every week on Monday, Wednesday/);
      expect(mail.text).toContain('A passcode is required to join');
      expect(mail.text).not.toContain('sesame-4711');
      const [ics] = mail.attachments;
      expect(ics?.filename).toBe('invite.ics');
      expect(ics?.contentType).toMatch(/^text\/calendar/);
      expect(ics?.content).toContain('RRULE:FREQ=WEEKLY;BYDAY=MO,WE\r\n');
      expect(ics?.content).toContain('DTSTART:20310303T093000Z\r\n');
      expect(ics?.content).toContain(`LOCATION:${PUBLIC_URL}/m/${meeting.code}\r\n`);
      expect(ics?.content).not.toContain('sesame-4711');
    }
  });

  it('puts the passcode in the mail only when the host gives it, and refuses a wrong one sending nothing', async () => {
    const host = await h.user('Hedy Host');
    const meeting = await h.create(host.token, weekly);
    const wrongTo = address('wrong');
    expectProblem(
      await invite(meeting.code, host.token, { emails: [wrongTo], passcode: 'open-sesame' }),
      400,
      'wrong-passcode',
    );
    const to = address('cleo');
    const res = await invite(meeting.code, host.token, { emails: [to], passcode: 'sesame-4711' });
    expect(res.json()).toMatchObject({ includesPasscode: true });
    const mail = await inbox.waitFor(to, /^Invitation:/);
    expect(mail.text).toContain('Passcode: sesame-4711');
    // The link itself never carries it.
    expect(mail.text).toContain(`Join: ${PUBLIC_URL}/m/${meeting.code}\n`);
    expect(inbox.received.some((m) => m.to === wrongTo)).toBe(false);

    const open = await h.create(host.token, {
      title: 'Open door',
      startsAt: '2031-03-03T09:30:00.000Z',
    });
    const to2 = address('dan');
    await invite(open.code, host.token, { emails: [to2] });
    expect((await inbox.waitFor(to2, /^Invitation: Open door$/)).text).toContain(
      'No passcode is needed.',
    );
    expectProblem(
      await invite(open.code, host.token, { emails: [to2], passcode: 'anything' }),
      400,
      'no-passcode',
    );
  });

  it('limits each sender to 20 invitation requests an hour, wrong passcodes included, so passcodes cannot be guessed through it', async () => {
    const host = await h.user('Hedy Host');
    const meeting = await h.create(host.token, weekly);
    const to = address('limit');
    for (let i = 0; i < INVITATION_LIMIT.perUser; i++) {
      const res = await invite(meeting.code, host.token, { emails: [to], passcode: `guess-${i}` });
      expectProblem(res, 400, 'wrong-passcode');
    }
    const refused = await invite(meeting.code, host.token, {
      emails: [to],
      passcode: 'sesame-4711',
    });
    expectProblem(refused, 429, 'too-many-invitations');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(inbox.received.some((m) => m.to === to)).toBe(false);
  }, 120_000);

  it('answers 400 naming the field for bad lists, and 403 to anyone but the host and co-hosts', async () => {
    const host = await h.user('Hedy Host');
    const meeting = await h.create(host.token, weekly);
    const fieldOf = (res: { json: <T>() => T }) =>
      res.json<{ errors?: { field: string }[] }>().errors?.[0]?.field;
    for (const emails of [
      [],
      ['not-an-address'],
      ['a@example.test', 'b@'],
      Array.from({ length: MAX_INVITEES + 1 }, (_, i) => `p${i}@example.test`),
    ]) {
      const res = await invite(meeting.code, host.token, { emails });
      expectProblem(res, 400);
      expect(fieldOf(res)).toMatch(/^body\.emails/);
    }
    expectProblem(await invite(meeting.code, host.token, {}), 400);
    const ann = await h.user('Ann');
    expectProblem(
      await invite(meeting.code, ann.token, { emails: [address('x')] }),
      403,
      'not-host',
    );
    expectProblem(await invite('zzz-zzzz-zzz', host.token, { emails: [address('x')] }), 404);
    const cancelled = await h.create(host.token, { title: 'Called off' });
    expect((await h.call('DELETE', `/api/meetings/${cancelled.code}`, host.token)).statusCode).toBe(
      204,
    );
    expectProblem(await invite(cancelled.code, host.token, { emails: [address('x')] }), 410);
  });

  it('without SMTP writes the mail as an .eml into the mail folder; with no mailer at all, answers 503', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'gomeet-invite-mail-'));
    const local = await startHarness(backend, inject('redisUrl'), {
      mailer: createMailer({ from: FROM, folder }),
    });
    const none = await startHarness(backend, inject('redisUrl'));
    try {
      const host = await local.user('Hedy Host');
      const meeting = await local.create(host.token, weekly);
      const res = await local.call(
        'POST',
        `/api/meetings/${meeting.code}/invitations`,
        host.token,
        {
          emails: ['ann@example.test'],
        },
      );
      expect(res.statusCode, res.body).toBe(200);
      const [file] = await readdir(folder);
      const eml = await readFile(path.join(folder, file ?? ''), 'utf8');
      expect(eml).toContain('To: ann@example.test');
      expect(eml).toContain('filename=invite.ics');

      const other = await none.user('Hedy Host');
      const elsewhere = await none.create(other.token, weekly);
      expectProblem(
        await none.call('POST', `/api/meetings/${elsewhere.code}/invitations`, other.token, {
          emails: ['ann@example.test'],
        }),
        503,
        'mail-off',
      );
    } finally {
      await local.close();
      await none.close();
      await rm(folder, { recursive: true, force: true });
    }
  }, 120_000);

  it('publishes the invitation route in the OpenAPI document', async () => {
    const doc = (await h.call('GET', '/api/openapi.json')).json<{
      paths: Record<string, Record<string, { tags?: string[] }>>;
    }>();
    expect(doc.paths['/api/meetings/{code}/invitations']?.post?.tags).toEqual(['meetings']);
  });
});
