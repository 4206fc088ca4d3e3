import type { OutgoingMail } from './mailer.js';

/** How long the links in account mail work; the mails say so. */
export const VERIFY_LINK_TTL_SECONDS = 24 * 3600;
export const RESET_LINK_TTL_SECONDS = 3600;

const signature = '\n\n— GoMeet';

/** A link to a page of the web app carrying a token in its query. */
export function appLink(appUrl: string, page: string, token: string): string {
  const url = new URL(page, appUrl);
  url.searchParams.set('token', token);
  return url.toString();
}

export function verifyEmailMail(to: string, link: string): OutgoingMail {
  return {
    to,
    subject: 'Confirm your email address for GoMeet',
    text:
      `Open this link to confirm the address of your GoMeet account:\n\n${link}\n\n` +
      `It works once, for 24 hours. If you did not sign up, ignore this mail.${signature}`,
  };
}

export function resetPasswordMail(to: string, link: string): OutgoingMail {
  return {
    to,
    subject: 'Reset your GoMeet password',
    text:
      `Someone (hopefully you) asked to reset the password of your GoMeet account.\n` +
      `Open this link to choose a new one:\n\n${link}\n\n` +
      `It works once, for 1 hour, and signs out all your sessions. ` +
      `If you did not ask, ignore this mail: your password stays as it is.${signature}`,
  };
}

export function passwordChangedMail(to: string): OutgoingMail {
  return {
    to,
    subject: 'Your GoMeet password was changed',
    text:
      `The password of your GoMeet account was just changed, and your other sessions were ` +
      `signed out.\nIf this was not you, reset your password from the sign-in page now.${signature}`,
  };
}

export function signUpAttemptMail(to: string, resetPageUrl: string): OutgoingMail {
  return {
    to,
    subject: 'Someone tried to sign up to GoMeet with your address',
    text:
      `Someone tried to create a GoMeet account with this address, which already has one.\n` +
      `If it was you, sign in instead; forgot the password? Reset it here:\n\n${resetPageUrl}\n\n` +
      `If it was not you, nothing changed and you need not do anything.${signature}`,
  };
}
