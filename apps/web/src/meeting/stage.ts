import type { JoinResult } from '@gomeet/protocol';

export type Joined = Extract<JoinResult, { status: 'joined' }>;

/** What `lobby.admitted` carries: a join answer without the identity we already know. */
export type Admission = Omit<Joined, 'status' | 'identity'>;

/** Why someone is no longer in the room. */
export type ExitReason =
  'left' | 'ended' | 'removed' | 'denied' | 'locked' | 'elsewhere' | 'lost' | 'unreachable';

/** Where a person is on the way into (and out of) a meeting. */
export type Stage =
  | { name: 'prejoin' }
  | { name: 'waiting'; identity: string }
  | { name: 'room'; join: Joined }
  | { name: 'over'; reason: ExitReason };
