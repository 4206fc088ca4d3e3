import type { OutgoingMail } from '@gomeet/platform';
import type { InviteSource } from './calendar-event.js';
import { describeRule } from '../recurrence/series.js';

/** The mail's line about the passcode: the passcode only when the host chose to send it. */
function passcodeLine(source: InviteSource, passcode: string | undefined): string {
  if (!source.meeting.hasPasscode) return 'No passcode is needed.';
  if (passcode)
    return `Passcode: ${passcode}\n(The host chose to include it: keep this mail to yourself.)`;
  return 'A passcode is required to join. The host will give it to you separately; it is not in this mail or the link.';
}

function when(source: InviteSource): string {
  const timeZone = source.series?.series.rule.timeZone ?? 'UTC';
  const at = new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'full', timeStyle: 'short' });
  const minutes = source.minutes ? ` for ${source.minutes} minutes` : '';
  const start = `${at.format(source.start)} (${timeZone})${minutes}`;
  if (!source.series) return `When: ${start}`;
  return (
    `When: ${start}\nRepeats: ${describeRule(source.series.series)}\n` +
    `The same link works for every meeting of the series.`
  );
}

/** The invitation mail to `to`: title, time and repeat, join link, passcode line, and the .ics. */
export function invitationMail(
  to: string,
  source: InviteSource,
  extra: {
    hostName: string;
    message?: string | undefined;
    passcode?: string | undefined;
    ics: string;
  },
): OutgoingMail {
  const { meeting } = source;
  const note = extra.message ? `${extra.message}\n\n` : '';
  return {
    to,
    subject: `Invitation: ${meeting.title}`,
    text:
      `${note}${extra.hostName} invites you to a GoMeet meeting: ${meeting.title}\n\n` +
      `${when(source)}\n\nJoin: ${meeting.joinUrl}\nMeeting code: ${meeting.code}\n` +
      `${passcodeLine(source, extra.passcode)}\n\n` +
      `The attached invite.ics adds it to your calendar.\n\n— GoMeet`,
    attachments: [
      {
        filename: 'invite.ics',
        contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
        content: extra.ics,
      },
    ],
  };
}
