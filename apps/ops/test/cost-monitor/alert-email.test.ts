import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertEmail } from '../../src/commands/cost-monitor/email.js';
import { runCli } from '../harness/run-cli.js';

interface Received {
  from: string;
  to: string[];
  data: string;
}

describe('cost-monitor alert with a local SMTP server', () => {
  const received: Received[] = [];
  let server: SMTPServer;
  let smtpUrl: string;
  const offline = () => Promise.reject(new Error('no network in tests'));

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (d: Buffer) => (data += d.toString()));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            data,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('emails the address given with --email when the estimate is over budget, and exits 1', async () => {
    const r = await runCli(
      ['cost-monitor', '--email', 'admin@example.com', '--format', 'json', 'alert'],
      { env: { SMTP_URL: smtpUrl, SMTP_FROM: 'ops@gomeet.test' }, fetch: offline },
    );
    const body = r.json<{ email: AlertEmail; budget: { status: string } }>();
    expect(r.code).toBe(1);
    expect(body.budget.status).toBe('over');
    expect(body.email).toMatchObject({ sent: true, to: 'admin@example.com' });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ from: 'ops@gomeet.test', to: ['admin@example.com'] });
    expect(received[0]?.data).toMatch(
      /Subject: GoMeet budget over: \$90,686\.53 of \$35,000\.00 \(259\.1%\)/,
    );
  });

  it('sends nothing within budget and exits 0', async () => {
    const before = received.length;
    const r = await runCli(
      ['cost-monitor', 'alert', '--email', 'admin@example.com', '--budget', '200000'],
      { env: { SMTP_URL: smtpUrl }, fetch: offline },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Email not sent (within budget: nothing to send)');
    expect(received.length).toBe(before);
  });

  it('shows the email instead of sending it without SMTP_URL or with --dry-run', async () => {
    const before = received.length;
    const noSmtp = await runCli(['cost-monitor', '--email', 'admin@example.com', 'alert'], {
      env: {},
      fetch: offline,
    });
    expect(noSmtp.stdout).toContain(
      'Email not sent (SMTP_URL not set: showing the email instead of sending it)',
    );
    expect(noSmtp.stdout).toContain('Subject: GoMeet budget over');
    const dry = await runCli(['cost-monitor', '--dry-run', '--format', 'json', 'alert'], {
      env: { SMTP_URL: smtpUrl, BUDGET_ALERT_EMAIL: 'ops@example.com' },
      fetch: offline,
    });
    expect(dry.json<{ email: AlertEmail }>().email).toMatchObject({
      sent: false,
      to: 'ops@example.com',
      reason: '--dry-run: not sent',
    });
    expect(received.length).toBe(before);
  });

  it('exits 3 with one line when the SMTP server does not answer', async () => {
    const r = await runCli(['cost-monitor', '--email', 'admin@example.com', 'alert'], {
      env: { SMTP_URL: 'smtp://127.0.0.1:9' },
      fetch: offline,
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^error: could not send the budget alert through SMTP_URL: .*\n$/);
  });
});
