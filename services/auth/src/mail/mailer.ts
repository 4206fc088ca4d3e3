import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

/** One plain-text mail to one address. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Where mail goes: an SMTP server, or .eml files in a folder on this machine. */
export type MailDelivery = { mode: 'smtp' } | { mode: 'folder'; folder: string };

/** Sends account mail (verification, reset, notices). */
export interface Mailer {
  readonly delivery: MailDelivery;
  send(mail: OutgoingMail): Promise<void>;
}

/**
 * The mailer for SMTP_URL (smtp:// or smtps://, credentials in the URL), or, without one, a
 * folder of .eml files (0600 in a 0700 folder: reset links in them are credentials).
 */
export function createMailer(options: { smtpUrl?: string; from: string; folder: string }): Mailer {
  return options.smtpUrl
    ? createSmtpMailer(options.smtpUrl, options.from)
    : createFolderMailer(options.folder, options.from);
}

function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    delivery: { mode: 'smtp' },
    send: async (mail) => {
      await transport.sendMail({ from, ...mail });
    },
  };
}

function createFolderMailer(folder: string, from: string): Mailer {
  // nodemailer builds the message (headers, encoding) without sending it anywhere.
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  return {
    delivery: { mode: 'folder', folder },
    send: async (mail) => {
      const info = await transport.sendMail({ from, ...mail });
      await mkdir(folder, { recursive: true, mode: 0o700 });
      const name = `${new Date().toISOString().replaceAll(':', '-')}-${randomBytes(4).toString('hex')}.eml`;
      await writeFile(path.join(folder, name), info.message as Buffer, { mode: 0o600 });
    },
  };
}
