import { postJsonOk } from '@gomeet/testing';
import { SESSION_ENDERS, type FuzzActor } from './schemathesis.js';

const post = (base: string, path: string, body: unknown, token?: string) =>
  postJsonOk(base + path, body, token);

/** The people the API is fuzzed as, in the order their runs go (a type: Object.values reads it). */
export type FuzzActors = {
  /** A throwaway account: the only one fuzzed with the operations that end one's session. */
  leaver: FuzzActor;
  /** Signed in and joined the host's meeting. */
  participant: FuzzActor;
  /** Admitted to the host's meeting with a guest pass. */
  guest: FuzzActor;
  /**
   * Hosts a live meeting. Last: as the first account it is an admin, and its run may disable
   * the others' accounts or force their password resets (ids from GET /api/auth/admin/users).
   */
  host: FuzzActor;
};

/**
 * Registers the people the API is fuzzed as. Everyone but the leaver leaves SESSION_ENDERS
 * out, so their runs test the API as themselves rather than, seconds in, as nobody.
 */
export async function fuzzActors(base: string): Promise<FuzzActors> {
  const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const register = async (role: string, displayName: string) =>
    (
      await post(base, '/api/auth/register', {
        email: `fuzz-${role}-${stamp}@example.test`,
        password: 'correct horse battery',
        displayName,
      })
    ).accessToken as string;
  const keepSession = { except: SESSION_ENDERS };

  const hostToken = await register('host', 'Fuzz Host');
  const meeting = await post(
    base,
    '/api/meetings',
    { title: 'Fuzzed', settings: { lobby: false, allowGuests: true } },
    hostToken,
  );
  const code = meeting.code as string;
  await post(base, `/api/meetings/${code}/join`, {}, hostToken);
  const participantToken = await register('participant', 'Fuzz Participant');
  await post(base, `/api/meetings/${code}/join`, {}, participantToken);
  const guest = await post(base, '/api/auth/guest', {
    meetingCode: code,
    displayName: 'Fuzz Guest',
  });
  const guestToken = guest.accessToken as string;
  await post(base, `/api/meetings/${code}/join`, {}, guestToken);
  return {
    leaver: {
      name: 'leaver',
      token: await register('leaver', 'Fuzz Leaver'),
      operations: { only: SESSION_ENDERS },
    },
    participant: { name: 'participant', token: participantToken, operations: keepSession },
    guest: { name: 'guest', token: guestToken, operations: keepSession },
    host: { name: 'host', token: hostToken, operations: keepSession },
  };
}
