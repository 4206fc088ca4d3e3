import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { z } from 'zod';

/** A file sent with a mail (an .ics invitation, say). */
export interface MailAttachment {
  filename: string;
  /** The MIME type, with parameters ("text/calendar; charset=utf-8; method=REQUEST"). */
  contentType: string;
  content: string;
}

/** One plain-text mail to one address, with optional attachments. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  attachments?: MailAttachment[];
}

/** Where mail goes: an SMTP server, or .eml files in a folder on this machine. */
export type MailDelivery = { mode: 'smtp' } | { mode: 'folder'; folder: string };

/** Sends mail (account mail, meeting invitations) the one way this process is set up for. */
export interface Mailer {
  readonly delivery: MailDelivery;
  send(mail: OutgoingMail): Promise<void>;
}

/**
 * The mailer for SMTP_URL (smtp:// or smtps://, credentials in the URL), or, without one, a
 * folder of .eml files (0600 in a 0700 folder: links in them may be credentials).
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

/**
 * The mail settings every process that sends mail reads (README "Email"): SMTP_URL (smtp:// or
 * smtps://, credentials in the URL; unset: .eml files in GOMEET_DATA_DIR/mail) and MAIL_FROM.
 */
export const mailEnv = {
  SMTP_URL: z
    .string()
    .optional()
    .transform((s) => s?.trim() || undefined)
    // The URL may hold a password: the message names what was expected, never what was given.
    .pipe(
      z
        .string()
        .regex(/^smtps?:\/\/\S+$/, 'expected an smtp:// or smtps:// URL')
        .optional(),
    ),
  MAIL_FROM: z.string().min(3).default('GoMeet <gomeet@localhost>'),
};
