import nodemailer from 'nodemailer';
import type { BudgetCheck } from './budget.js';

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
      : `Month-to-date spend $${check.monthToDateUsd.toFixed(2)}, projected month`;
  return {
    subject: `GoMeet budget ${check.status}: $${check.projectedMonthUsd.toFixed(2)} of $${check.budgetUsd.toFixed(2)} (${check.percentOfBudget}%)`,
    text: `${spend}: $${check.projectedMonthUsd.toFixed(2)} against a budget of $${check.budgetUsd.toFixed(2)} (${check.percentOfBudget}%).\nSource: ${check.spendSource}.\nRun ./deployment/digitalocean/cost-monitor.sh efficiency for savings.\n`,
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
  const transport = nodemailer.createTransport(smtpUrl);
  try {
    await transport.sendMail({ from, to, subject, text });
    return { ...base, sent: true, reason: 'sent' };
  } finally {
    transport.close();
  }
}
