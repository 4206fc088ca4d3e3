import { stageState, type StageState } from '@gomeet/protocol';
import { api } from '../../api/http';

const base = (code: string) => `/api/meetings/${encodeURIComponent(code)}`;
const auth = (code: string) => ({ meetingCode: code });

/** Who is spotlighted for everyone (any member). */
export const getStage = (code: string): Promise<StageState> =>
  api(`${base(code)}/stage`, { auth: auth(code), schema: stageState });

/** Host or co-host: put `identity` on everyone's stage, or end the spotlight with null. */
export const spotlight = (code: string, identity: string | null) =>
  api(`${base(code)}/spotlight`, {
    method: 'POST',
    body: { identity },
    auth: auth(code),
    schema: stageState,
  });

/** Host or co-host: lower one person's hand. */
export const lowerHand = (code: string, identity: string) =>
  api(`${base(code)}/participants/${encodeURIComponent(identity)}/lower-hand`, {
    method: 'POST',
    auth: auth(code),
  });

/** Host or co-host: lower every raised hand. */
export const lowerAllHands = (code: string) =>
  api(`${base(code)}/lower-hands`, { method: 'POST', auth: auth(code) });
