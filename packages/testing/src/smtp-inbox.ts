import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A file that came with a received mail, decoded to text. */
export interface ReceivedAttachment {
  filename: string;
  /** The Content-Type header as sent, parameters included. */
  contentType: string;
  content: string;
}

/** A mail the inbox received: its envelope recipient, subject, decoded text and attachments. */
export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  attachments: ReceivedAttachment[];
}

/** A real SMTP server on loopback that keeps what it receives, for tests of outgoing mail. */
export interface SmtpInbox {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  received: ReceivedMail[];
  /** The first mail to `to` whose subject matches, waiting up to `timeoutMs` for it. */
  waitFor(to: string, subject: RegExp, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

interface MimePart {
  header: (name: string) => string;
  body: string;
}

function splitPart(raw: string): MimePart {
  const split = raw.indexOf('\r\n\r\n');
  const head = (split < 0 ? raw : raw.slice(0, split)).replace(/\r\n[ \t]+/g, ' ');
  const body = split < 0 ? '' : raw.slice(split + 4);
  const header = (name: string) =>
    new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  return { header, body };
}

/** A part's body as UTF-8 text, undoing quoted-printable or base64. */
function decodeBody(part: MimePart): string {
  const encoding = part.header('Content-Transfer-Encoding');
  const text = /quoted-printable/i.test(encoding)
    ? Buffer.from(
        part.body
          .replace(/=\r\n/g, '')
          .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
        'latin1',
      ).toString('utf8')
    : /base64/i.test(encoding)
      ? Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : Buffer.from(part.body, 'latin1').toString('utf8');
  return text;
}

/** The leaf parts of a message, multipart ones opened (nested ones too). */
function leafParts(part: MimePart): MimePart[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(part.header('Content-Type'))?.[1];
  if (!/^multipart\//i.test(part.header('Content-Type')) || !boundary) return [part];
  return part.body
    .split(`--${boundary}`)
    .slice(1)
    .filter((chunk) => !chunk.startsWith('--'))
    .flatMap((chunk) => leafParts(splitPart(chunk.replace(/^\r\n/, ''))));
}

/** Decodes a message: subject, its first text/plain part, and its attachments. */
function parseMessage(raw: string): Omit<ReceivedMail, 'to'> {
  const message = splitPart(raw);
  let text: string | undefined;
  const attachments: ReceivedAttachment[] = [];
  for (const part of leafParts(message)) {
    const type = part.header('Content-Type') || 'text/plain';
    const filename = /filename="?([^";]+)"?/i.exec(part.header('Content-Disposition'))?.[1];
    if (filename) attachments.push({ filename, contentType: type, content: decodeBody(part) });
    else if (text === undefined && /^text\/plain/i.test(type)) text = decodeBody(part);
  }
  return {
    subject: message.header('Subject'),
    text: (text ?? '').replace(/\r\n/g, '\n'),
    attachments,
  };
}

/** Starts the inbox on a free loopback port (no TLS, any or no credentials accepted). */
export async function startSmtpInbox(): Promise<SmtpInbox> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const message = parseMessage(Buffer.concat(chunks).toString('latin1'));
        for (const rcpt of session.envelope.rcptTo) received.push({ to: rcpt.address, ...message });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async waitFor(to, subject, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const mail = received.find((m) => m.to === to.toLowerCase() && subject.test(m.subject));
        if (mail) return mail;
        if (Date.now() > deadline)
          throw new Error(`no mail to ${to} matching ${String(subject)} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
