import {
  emailInvitationResult,
  occurrence,
  occurrenceList,
  type EmailInvitationBody,
  type EmailInvitationResult,
  type Occurrence,
  type UpdateOccurrenceBody,
} from '@gomeet/protocol';
import { api } from '../api/http';

const path = (code: string) => `/api/meetings/${encodeURIComponent(code)}`;

/** The next occurrences of a meeting (a recurring one's, or a one-off's single date). */
export async function listOccurrences(code: string, limit = 5): Promise<Occurrence[]> {
  const list = await api(`${path(code)}/occurrences?limit=${limit}&days=90`, {
    auth: 'user',
    schema: occurrenceList,
  });
  return list.occurrences;
}

/** Changes or cancels one occurrence of a recurring meeting. */
export const updateOccurrence = (
  code: string,
  id: string,
  body: UpdateOccurrenceBody,
): Promise<Occurrence> =>
  api(`${path(code)}/occurrences/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body,
    auth: 'user',
    schema: occurrence,
  });

/** Emails the invitation (join link, .ics) to a list of addresses. */
export const sendInvitations = (
  code: string,
  body: EmailInvitationBody,
): Promise<EmailInvitationResult> =>
  api(`${path(code)}/invitations`, {
    method: 'POST',
    body,
    auth: 'user',
    schema: emailInvitationResult,
  });
