import { AppError, type Mailer, type RateLimiter } from '@gomeet/platform';
import type { EmailInvitationBody, EmailInvitationResult } from '@gomeet/protocol';
import type { Ctx } from '../deps.js';
import { loadMeeting, requireHost, requireNotOver } from '../meetings/access.js';
import { verifyPasscode } from '../meetings/passcode.js';
import { calendarText } from './calendar-event.js';
import { invitationMail } from './invitation-mail.js';
import { inviteSourceOf } from './meeting-invite.js';

/** Invitation requests one user may make per window (each names up to MAX_INVITEES addresses). */
export const INVITATION_LIMIT = { perUser: 20, windowMs: 60 * 60_000 };
/** Mails sent at once; a plain SMTP transport opens one connection per mail. */
const PARALLEL = 4;

function wrongPasscode(): AppError {
  return new AppError(
    'VALIDATION',
    'This is not the meeting’s passcode; the mails were not sent.',
    {
      type: 'wrong-passcode',
      errors: [{ field: 'body.passcode', message: 'does not match the meeting’s passcode' }],
    },
  );
}

async function checkPasscode(hash: string | null, passcode: string | undefined): Promise<void> {
  if (passcode === undefined) return;
  if (!hash)
    throw new AppError('VALIDATION', 'This meeting has no passcode to include.', {
      type: 'no-passcode',
      errors: [{ field: 'body.passcode', message: 'the meeting has no passcode' }],
    });
  if (!(await verifyPasscode(hash, passcode))) throw wrongPasscode();
}

async function limitInvitations(rateLimiter: RateLimiter, userId: string): Promise<void> {
  const { perUser, windowMs } = INVITATION_LIMIT;
  const result = await rateLimiter.hit(`meeting:invite:user:${userId}`, perUser, windowMs);
  if (result.allowed) return;
  throw new AppError('RATE_LIMITED', 'Too many invitations sent for now; try again later.', {
    type: 'too-many-invitations',
    retryAfter: Math.max(1, Math.ceil(result.resetMs / 1000)),
  });
}

/** Sends `mails` a few at a time; true when every one left. */
async function sendAll(ctx: Ctx, mailer: Mailer, mails: Parameters<Mailer['send']>[0][]) {
  let failed = 0;
  for (let i = 0; i < mails.length; i += PARALLEL) {
    const results = await Promise.allSettled(
      mails.slice(i, i + PARALLEL).map((m) => mailer.send(m)),
    );
    for (const r of results) {
      if (r.status === 'fulfilled') continue;
      failed++;
      // SMTP errors may quote the server's reply (and so an address): codes only.
      const { code, responseCode } = (r.reason ?? {}) as { code?: string; responseCode?: number };
      ctx.log.error(
        { mail: 'invitation', code, responseCode },
        'invitation mail could not be sent',
      );
    }
  }
  return failed === 0;
}

/**
 * Emails an invitation to each address (host and co-hosts, not once the meeting is over): title,
 * time and repeat, join link and the .ics. The link never carries the passcode; the mail carries
 * it only when the host gives it (checked against the meeting's), else says to ask the host.
 * Checks, in order: mail is set up (503), the caller runs the meeting (403), it is not over
 * (410), the caller's invitation budget (429), the passcode matches (400).
 */
export async function sendInvitations({
  ctx,
  input,
  mailer,
  rateLimiter,
}: {
  ctx: Ctx;
  input: EmailInvitationBody & { code: string };
  mailer: Mailer | undefined;
  rateLimiter: RateLimiter;
}): Promise<EmailInvitationResult> {
  if (!mailer)
    throw new AppError('UNAVAILABLE', 'Email is not set up on this server.', { type: 'mail-off' });
  const row = await loadMeeting(ctx, input.code);
  requireHost(row, ctx.actor, 'send invitations');
  requireNotOver(row);
  // Counted before the passcode check, so the route cannot be used to guess passcodes quickly.
  await limitInvitations(rateLimiter, ctx.actor.id);
  await checkPasscode(row.passcode_hash, input.passcode);
  const emails = [...new Set(input.emails.map((e) => e.trim().toLowerCase()))];
  const source = await inviteSourceOf(ctx, row);
  const ics = calendarText(source);
  const extra = { hostName: ctx.actor.name, message: input.message, passcode: input.passcode, ics };
  const sent = await sendAll(
    ctx,
    mailer,
    emails.map((to) => invitationMail(to, source, extra)),
  );
  if (!sent) {
    throw new AppError('UNAVAILABLE', 'Some invitations could not be sent; try again later.', {
      type: 'mail-failed',
      retryAfter: 60,
    });
  }
  return { sent: emails, includesPasscode: input.passcode !== undefined };
}
