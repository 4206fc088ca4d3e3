import { emailInvitationBody, type Meeting } from '@gomeet/protocol';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../api/problem';
import { ErrorNote } from '../ui/ErrorNote';
import { Field } from '../ui/Field';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '../ui/field-errors';
import { formText } from '../ui/form-text';
import { sendInvitations } from './recurrence-api';

/** Addresses as typed: one per line, or separated by commas, semicolons or spaces. */
const addressesIn = (text: string) => text.split(/[\s,;]+/).filter(Boolean);

/**
 * Emails the invitation (title, time, repeat, join link, .ics) to a list of addresses. The link
 * never holds the passcode; the host may type it to have it written in the mail.
 */
export function InviteByEmailPanel({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation('dashboard');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const emailsId = useId();

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const passcode = formText(form, 'invitePasscode');
    const message = formText(form, 'message').trim();
    const parsed = emailInvitationBody.safeParse({
      emails: addressesIn(formText(form, 'emails')),
      ...(message ? { message } : {}),
      ...(passcode ? { passcode } : {}),
    });
    setFailure(null);
    setSent(null);
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    setBusy(true);
    try {
      const result = await sendInvitations(meeting.code, parsed.data);
      const n = result.sent.length;
      setSent(
        result.includesPasscode
          ? t('invite.sentWithPasscode', { count: n })
          : t('invite.sent', { count: n }),
      );
      formEl.reset();
    } catch (error) {
      setErrors(apiFieldErrors(error));
      setFailure(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="meeting-panel">
      <summary aria-label={t('invite.summaryLabel', { title: meeting.title })}>
        {t('invite.summary')}
      </summary>
      <form onSubmit={(e) => void submit(e)} aria-label={t('invite.formLabel')} noValidate>
        <div className="field">
          <label htmlFor={emailsId}>{t('invite.emails')}</label>
          <textarea
            id={emailsId}
            name="emails"
            rows={3}
            placeholder={t('invite.emailsPlaceholder')}
            aria-invalid={errors.emails ? true : undefined}
          />
          <small className={errors.emails ? 'field-error' : 'field-hint'}>
            {errors.emails ?? t('invite.emailsHint')}
          </small>
        </div>
        <Field label={t('invite.note')} name="message" maxLength={1000} />
        {meeting.hasPasscode && (
          <Field
            label={t('invite.passcode')}
            name="invitePasscode"
            autoComplete="off"
            hint={t('invite.passcodeHint')}
            error={errors.passcode}
          />
        )}
        <ErrorNote message={failure} />
        {sent && (
          <p className="muted" role="status">
            {sent}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('invite.busy') : t('invite.send')}
        </button>
      </form>
    </details>
  );
}
