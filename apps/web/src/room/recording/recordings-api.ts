import { recording, recordingList, recordingWithDownload, type Recording } from '@gomeet/protocol';
import { api } from '../../api/http';
import { i18n } from '../../i18n';

const base = (code: string) => `/api/meetings/${encodeURIComponent(code)}/recordings`;
const auth = (code: string) => ({ meetingCode: code });

/** Starts recording the meeting (host and co-hosts). */
export const startRecording = (code: string) =>
  api(base(code), { method: 'POST', body: {}, auth: auth(code), schema: recording });

export const stopRecording = (code: string, id: string) =>
  api(`${base(code)}/${id}/stop`, { method: 'POST', auth: auth(code), schema: recording });

/** The meeting's recordings, newest first (host and co-hosts). */
export const listRecordings = async (code: string): Promise<Recording[]> =>
  (await api(base(code), { auth: auth(code), schema: recordingList })).recordings;

/** Asks for a fresh signed link and follows it: the browser saves the file. */
export async function downloadRecording(code: string, id: string): Promise<void> {
  const one = await api(`${base(code)}/${id}`, { auth: auth(code), schema: recordingWithDownload });
  if (!one.downloadUrl) throw new Error(i18n.t('list.noFile', { ns: 'recording' }));
  const a = document.createElement('a');
  a.href = one.downloadUrl;
  a.download = '';
  a.click();
}
