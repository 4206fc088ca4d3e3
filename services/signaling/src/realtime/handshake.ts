import { AppError, roster, type Actor, type RosterEntry } from '@gomeet/platform';
import { CLOSE, PROTOCOL_VERSION } from '@gomeet/protocol';
import type { SignalingDeps } from '../deps.js';

/** A hello as it arrived (the version is checked here, so it is not a literal yet). */
export interface Hello {
  v: unknown;
  meeting: string;
  token: string;
}

/** Why a hello was refused: the error frame's code and message, then the close code. */
export interface Refusal {
  refused: true;
  code: string;
  message: string;
  close: number;
}

/** Who said hello, and where they stand in the meeting. */
export interface Admission {
  refused: false;
  actor: Actor;
  entry: RosterEntry;
  /** Full member, or in the lobby. */
  as: 'member' | 'waiting';
}

const refuse = (code: string, message: string, close: number): Refusal => ({
  refused: true,
  code,
  message,
  close,
});

/** Turns a token failure into the refusal a client can act on (401, or "try again later"). */
function tokenRefusal(error: unknown): Refusal {
  if (error instanceof AppError && error.code === 'UNAVAILABLE') {
    return refuse('UNAVAILABLE', 'Tokens cannot be checked right now; retry soon.', 1013);
  }
  const message = error instanceof AppError ? error.message : 'The access token is invalid.';
  return refuse('UNAUTHENTICATED', message, CLOSE.UNAUTHENTICATED);
}

/**
 * Checks a hello: protocol version, token, the guest's one meeting, then the roster. Only
 * joined/admitted entries are full members; waiting ones get the lobby; anything else is refused.
 */
export async function authorise(
  deps: Pick<SignalingDeps, 'verifier' | 'live'>,
  hello: Hello,
): Promise<Refusal | Admission> {
  if (hello.v !== PROTOCOL_VERSION) {
    return refuse(
      'VALIDATION',
      `Protocol version ${String(hello.v)} is not spoken here; use ${PROTOCOL_VERSION}.`,
      CLOSE.BAD_REQUEST,
    );
  }
  let actor: Actor;
  try {
    actor = await deps.verifier.verify(hello.token);
  } catch (error) {
    return tokenRefusal(error);
  }
  if (actor.kind === 'guest' && actor.meeting !== hello.meeting) {
    return refuse('FORBIDDEN', 'This guest token is for another meeting.', CLOSE.FORBIDDEN);
  }
  const entry = await roster.get(deps.live, hello.meeting, actor.id);
  if (entry?.state === 'joined' || entry?.state === 'admitted') {
    return { refused: false, actor, entry, as: 'member' };
  }
  if (entry?.state === 'waiting') return { refused: false, actor, entry, as: 'waiting' };
  return refuse('FORBIDDEN', 'Join the meeting before opening its socket.', CLOSE.FORBIDDEN);
}
