import { postJsonOk } from '@gomeet/testing';
import type { FuzzActor } from './schemathesis.js';

const post = (base: string, path: string, body: unknown, token?: string) =>
  postJsonOk(base + path, body, token);

/**
 * The people the API is fuzzed as: a host with a live meeting, a participant who joined it, a
 * guest admitted to it, and a throwaway account for the operations that end one's own session.
 */
export async function fuzzActors(base: string): Promise<FuzzActor[]> {
  const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const host = await post(base, '/api/auth/register', {
    email: `fuzz-host-${stamp}@example.test`,
    password: 'correct horse battery',
    displayName: 'Fuzz Host',
  });
  const hostToken = host.accessToken as string;
  const meeting = await post(
    base,
    '/api/meetings',
    { title: 'Fuzzed', settings: { lobby: false, allowGuests: true } },
    hostToken,
  );
  const code = meeting.code as string;
  await post(base, `/api/meetings/${code}/join`, {}, hostToken);
  const participant = await post(base, '/api/auth/register', {
    email: `fuzz-participant-${stamp}@example.test`,
    password: 'correct horse battery',
    displayName: 'Fuzz Participant',
  });
  const participantToken = participant.accessToken as string;
  await post(base, `/api/meetings/${code}/join`, {}, participantToken);
  const guest = await post(base, '/api/auth/guest', {
    meetingCode: code,
    displayName: 'Fuzz Guest',
  });
  const guestToken = guest.accessToken as string;
  await post(base, `/api/meetings/${code}/join`, {}, guestToken);
  const leaver = await post(base, '/api/auth/register', {
    email: `fuzz-leaver-${stamp}@example.test`,
    password: 'correct horse battery',
    displayName: 'Fuzz Leaver',
  });
  return [
    { name: 'host', token: hostToken },
    { name: 'participant', token: participantToken },
    { name: 'guest', token: guestToken },
    { name: 'leaver', token: leaver.accessToken as string },
  ];
}
