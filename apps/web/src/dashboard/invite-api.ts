import { api } from '../api/http';
import { saveFile } from './save-file';

/** Downloads the meeting's .ics invitation (it needs the bearer token, so not a plain link). */
export async function downloadInvite(code: string): Promise<void> {
  const ics = await api<string>(`/api/meetings/${encodeURIComponent(code)}/invite.ics`, {
    auth: 'user',
    text: true,
  });
  saveFile(ics, `${code}.ics`, 'text/calendar');
}
