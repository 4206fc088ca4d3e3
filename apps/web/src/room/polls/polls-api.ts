import { pollList, pollView, type CreatePollBody, type PollView } from '@gomeet/protocol';
import { api } from '../../api/http';

const base = (code: string) => `/api/meetings/${encodeURIComponent(code)}/polls`;
const auth = (code: string) => ({ meetingCode: code });

/** The meeting's polls as the caller may see them. */
export const listPolls = async (code: string): Promise<PollView[]> =>
  (await api(base(code), { auth: auth(code), schema: pollList })).polls;

export const createPoll = (code: string, body: CreatePollBody) =>
  api(base(code), { method: 'POST', body, auth: auth(code), schema: pollView });

/** launch, close or share (host and co-hosts). */
export const movePoll = (code: string, id: string, action: 'launch' | 'close' | 'share') =>
  api(`${base(code)}/${id}/${action}`, { method: 'POST', auth: auth(code), schema: pollView });

export const vote = (code: string, id: string, choices: number[]) =>
  api(`${base(code)}/${id}/votes`, {
    method: 'POST',
    body: { choices },
    auth: auth(code),
    schema: pollView,
  });

/** Downloads the results CSV (it needs the bearer token, so not a plain link). */
export async function downloadResults(code: string, poll: PollView): Promise<void> {
  const csv = await api<string>(`${base(code)}/${poll.id}/results.csv`, {
    auth: auth(code),
    text: true,
  });
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `poll-${poll.question.slice(0, 40).replace(/[^\w-]+/g, '-')}.csv`;
  a.click();
  URL.revokeObjectURL(url);
}
