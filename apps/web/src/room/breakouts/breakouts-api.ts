import {
  breakoutState,
  breakoutView,
  joinResult,
  type BreakoutView,
  type JoinResult,
} from '@gomeet/protocol';
import { api } from '../../api/http';

const base = (code: string) => `/api/meetings/${encodeURIComponent(code)}/breakouts`;
const auth = (code: string) => ({ meetingCode: code });
const post = (code: string, path: string, body: object = {}) =>
  api(`${base(code)}${path}`, { method: 'POST', body, auth: auth(code), schema: breakoutState });

export const getBreakouts = (code: string): Promise<BreakoutView> =>
  api(base(code), { auth: auth(code), schema: breakoutView });

/** My LiveKit token for where I belong now (my open breakout room, else the main room). */
export const myRoomToken = (code: string): Promise<JoinResult> =>
  api(`${base(code)}/token`, { method: 'POST', body: {}, auth: auth(code), schema: joinResult });

export const askForHelp = (code: string) =>
  api(`${base(code)}/help`, { method: 'POST', body: {}, auth: auth(code) });

/** Host and co-host actions. */
export const breakoutActions = (code: string) => ({
  create: (count: number) => post(code, '', { count }),
  assign: (identity: string, room: number | null) => post(code, '/assign', { identity, room }),
  shuffle: () => post(code, '/shuffle'),
  open: (durationSeconds?: number) =>
    post(code, '/open', durationSeconds ? { durationSeconds } : {}),
  close: () => post(code, '/close'),
  broadcast: (text: string) =>
    api(`${base(code)}/broadcast`, { method: 'POST', body: { text }, auth: auth(code) }),
  visit: (room: number | null) =>
    api(`${base(code)}/visit`, { method: 'POST', body: { room }, auth: auth(code) }),
});
