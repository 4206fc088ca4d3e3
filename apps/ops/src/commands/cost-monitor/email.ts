import type { BudgetCheck } from './budget.js';
import { usd } from './render.js';

/** A budget alert email, sent or only shown. */
export interface AlertEmail {
  to: string | null;
  subject: string;
  text: string;
  sent: boolean;
  reason: string;
}

/** The alert's subject and body. */
export function composeAlert(check: BudgetCheck): { subject: string; text: string } {
  const spend =
    check.monthToDateUsd === null
      ? 'Estimated monthly cost'
      : `Month-to-date spend ${usd(check.monthToDateUsd)}, projected month`;
  return {
    subject: `GoMeet budget ${check.status}: ${usd(check.projectedMonthUsd)} of ${usd(check.budgetUsd)} (${check.percentOfBudget}%)`,
    text: `${spend}: ${usd(check.projectedMonthUsd)} against a budget of ${usd(check.budgetUsd)} (${check.percentOfBudget}%).\nSource: ${check.spendSource}.\nRun ./deployment/digitalocean/cost-monitor.sh efficiency for savings.\n`,
  };
}

/**
 * Sends the alert through SMTP_URL when the budget is at warning or over and not a dry run;
 * otherwise returns what would be sent, with the reason it was not.
 */
export async function deliverAlert(
  check: BudgetCheck,
  to: string | undefined,
  smtpUrl: string | undefined,
  from: string,
  dryRun: boolean,
): Promise<AlertEmail> {
  const { subject, text } = composeAlert(check);
  const base = { to: to ?? null, subject, text, sent: false };
  if (check.status === 'ok') return { ...base, reason: 'within budget: nothing to send' };
  if (!to) return { ...base, reason: 'no recipient: pass --email or set BUDGET_ALERT_EMAIL' };
  if (!smtpUrl)
    return { ...base, reason: 'SMTP_URL not set: showing the email instead of sending it' };
  if (dryRun) return { ...base, reason: '--dry-run: not sent' };
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport(smtpUrl);
  try {
    await transport.sendMail({ from, to, subject, text });
    return { ...base, sent: true, reason: 'sent' };
  } finally {
    transport.close();
  }
}
