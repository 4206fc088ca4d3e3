import type { OutgoingMail } from '../mail/mailer.js';

/** The mail an account's owner gets when an admin makes them choose a new password. */
export function forcedResetMail(to: string, link: string): OutgoingMail {
  return {
    to,
    subject: 'Choose a new GoMeet password',
    text:
      `An administrator of this GoMeet asked you to choose a new password, and signed out ` +
      `your sessions.\nOpen this link to set one (it works once, for 1 hour):\n\n${link}\n\n` +
      `Link expired? Use "Forgot password?" on the sign-in page for a new one.\n\n— GoMeet`,
  };
}
