import { readdir, readFile, stat } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Session } from '@gomeet/protocol';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { loggerOptions } from '@gomeet/platform';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMailer } from '../src/index.js';
import { post } from './mail-support.js';
import { expectProblem, newEmail, startAuth, type TestAuth } from './support.js';

const APP_URL = 'http://gomeet.test';

describeBackends(
  'account mail without SMTP_URL on $name',
  (backend) => {
    let auth: TestAuth;
    let folder: string;
    beforeAll(async () => {
      folder = path.join(await mkdtemp(path.join(tmpdir(), 'gomeet-mail-')), 'mail');
      const mailer = createMailer({ from: 'GoMeet <gomeet@gomeet.test>', folder });
      auth = await startAuth(backend, { mail: { mailer, appUrl: APP_URL } });
    });
    afterAll(() => auth?.close());

    it('signs a new account in at once and writes its verification mail to the folder, 0600', async () => {
      const email = newEmail();
      const res = await post(auth.app, '/register', {
        email,
        password: 'correct horse battery staple',
        displayName: 'Local Lou',
      });
      expect(res.statusCode).toBe(201);
      expect(res.json<Session>().user.email).toBe(email);
      const delivery = await auth.app.inject({ url: '/api/auth/mail-delivery' });
      expect(delivery.json()).toEqual({ mode: 'folder', folder });

      await expect.poll(() => readdir(folder).catch(() => []), { timeout: 5000 }).toHaveLength(1);
      const [name] = await readdir(folder);
      const file = path.join(folder, name!);
      expect(name).toMatch(/\.eml$/);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await stat(folder)).mode & 0o777).toBe(0o700);
      const eml = await readFile(file, 'utf8');
      expect(eml).toMatch(new RegExp(`^To: ${email}`, 'm'));
      expect(eml).toContain(`${APP_URL}/verify-email?token=`);

      // Without SMTP, a taken address is still refused plainly: nothing is mailed to hide it.
      const again = await post(auth.app, '/register', {
        email,
        password: 'correct horse battery staple',
        displayName: 'Twin',
      });
      expectProblem(again, 409, 'email-taken');
    });
  },
  { only: 'pglite' },
);

describeBackends(
  'a mail server that refuses on $name',
  (backend) => {
    let auth: TestAuth;
    const logs: string[] = [];
    beforeAll(async () => {
      // Port 1 on loopback: nothing listens, so every send fails. The URL carries a password.
      const mailer = createMailer({
        smtpUrl: 'smtp://mailer:hunter2-secret@127.0.0.1:1',
        from: 'GoMeet <gomeet@gomeet.test>',
        folder: '',
      });
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          logs.push(chunk.toString());
          done();
        },
      });
      auth = await startAuth(backend, {
        mail: { mailer, appUrl: APP_URL },
        logger: pino(loggerOptions('auth', 'info'), sink),
      });
    });
    afterAll(() => auth?.close());

    it('still answers a reset request as usual and logs the failure without the SMTP password', async () => {
      const email = newEmail();
      await post(auth.app, '/register', {
        email,
        password: 'correct horse battery staple',
        displayName: 'Unlucky',
      });
      const res = await post(auth.app, '/password-reset/request', { email });
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual({ status: 'check-email' });
      await expect
        .poll(() => logs.filter((l) => l.includes('account mail could not be sent')).length, {
          timeout: 10_000,
        })
        .toBeGreaterThanOrEqual(2);
      const failure = logs.find((l) => l.includes('"mail":"reset-password"'));
      expect(JSON.parse(failure!)).toMatchObject({ code: 'ESOCKET', level: 50 });
      expect(logs.join('')).not.toContain('hunter2');
    });
  },
  { only: 'pglite' },
);

describeBackends(
  'reset requests past the limit on $name',
  (backend) => {
    let auth: TestAuth;
    beforeAll(async () => {
      const mailer = createMailer({ from: 'GoMeet <gomeet@gomeet.test>', folder: '' });
      auth = await startAuth(backend, {
        mail: { mailer, appUrl: APP_URL },
        limits: { mailPerAccount: 2, registerPerAddress: 1000 },
      });
    });
    afterAll(() => auth?.close());

    it('refuses a third reset mail to one address in the window, known or not, with Retry-After', async () => {
      // An unknown address: nothing is written, so the folder is never needed.
      const email = newEmail();
      for (let i = 0; i < 2; i++)
        expect((await post(auth.app, '/password-reset/request', { email })).statusCode).toBe(202);
      const third = await post(auth.app, '/password-reset/request', { email });
      expectProblem(third, 429, 'too-many-attempts');
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    });
  },
  { only: 'pglite' },
);
