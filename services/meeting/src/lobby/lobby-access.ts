import { AppError, type RosterEntry } from '@gomeet/platform';

/** `entry` when it waits in the lobby; 404 otherwise. */
export function requireWaiting(entry: RosterEntry | undefined): RosterEntry {
  if (entry?.state === 'waiting') return entry;
  throw new AppError('NOT_FOUND', 'Nobody with this identity is waiting in the lobby.', {
    type: 'lobby-entry-not-found',
  });
}
