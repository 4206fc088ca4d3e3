import type { JoinResult } from '@gomeet/protocol';

export type Joined = Extract<JoinResult, { status: 'joined' }>;

/** Why someone is no longer in the room. */
export type ExitReason = 'left' | 'ended' | 'removed' | 'elsewhere' | 'lost' | 'unreachable';

/** Where a person is on the way into (and out of) a meeting. */
export type Stage =
  | { name: 'prejoin' }
  | { name: 'waiting' }
  | { name: 'room'; join: Joined }
  | { name: 'over'; reason: ExitReason };
