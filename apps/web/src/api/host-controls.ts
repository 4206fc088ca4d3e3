import {
  identityList,
  lobbyList,
  lockBody,
  type LobbyEntry,
  type LobbyList,
} from '@gomeet/protocol';
import { api } from './http';

const base = (code: string) => `/api/meetings/${encodeURIComponent(code)}`;
const who = (identity: string) => encodeURIComponent(identity);
const auth = (code: string) => ({ meetingCode: code });

/** Host and co-host actions of the meeting-service; every one answers 403 not-host otherwise. */
export const getLobby = async (code: string): Promise<LobbyEntry[]> =>
  (await api(`${base(code)}/lobby`, { auth: auth(code), schema: lobbyList })).entries;

/** Who was removed or denied earlier in the meeting, latest first. */
export const getTurnedAway = async (code: string): Promise<LobbyList['turnedAway']> =>
  (await api(`${base(code)}/lobby`, { auth: auth(code), schema: lobbyList })).turnedAway;

export const admit = (code: string, identity: string) =>
  api(`${base(code)}/lobby/${who(identity)}/admit`, {
    method: 'POST',
    auth: auth(code),
    schema: identityList,
  });

export const deny = (code: string, identity: string) =>
  api(`${base(code)}/lobby/${who(identity)}/deny`, {
    method: 'POST',
    auth: auth(code),
    schema: identityList,
  });

export const admitAll = (code: string) =>
  api(`${base(code)}/lobby/admit-all`, { method: 'POST', auth: auth(code), schema: identityList });

export const denyAll = (code: string) =>
  api(`${base(code)}/lobby/deny-all`, { method: 'POST', auth: auth(code), schema: identityList });

export const muteParticipant = (code: string, identity: string, source: 'microphone' | 'camera') =>
  api(`${base(code)}/participants/${who(identity)}/mute`, {
    method: 'POST',
    body: { source },
    auth: auth(code),
  });

export const muteAll = (code: string) =>
  api(`${base(code)}/mute-all`, { method: 'POST', auth: auth(code), schema: identityList });

export const askToUnmute = (code: string, identity: string) =>
  api(`${base(code)}/participants/${who(identity)}/ask-unmute`, {
    method: 'POST',
    auth: auth(code),
  });

/** Any member: unmuting in a "mute on entry" meeting first asks for the microphone. */
export const allowMyMicrophone = (code: string) =>
  api(`${base(code)}/microphone`, { method: 'POST', auth: auth(code) });

export const removeParticipant = (code: string, identity: string) =>
  api(`${base(code)}/participants/${who(identity)}/remove`, { method: 'POST', auth: auth(code) });

export const setLocked = (code: string, locked: boolean) =>
  api(`${base(code)}/lock`, {
    method: 'POST',
    body: { locked },
    auth: auth(code),
    schema: lockBody,
  });

/** Host only. */
export const setRole = (code: string, identity: string, role: 'co-host' | 'participant') =>
  api(`${base(code)}/participants/${who(identity)}/role`, {
    method: 'POST',
    body: { role },
    auth: auth(code),
  });
