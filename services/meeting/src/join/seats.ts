import type { LiveState } from '@gomeet/platform';

const seatedKey = (code: string) => `meeting:${code}:seated`;

/**
 * Who holds a seat, mirrored in live state so a re-join (a reconnect, a page reload) is let in
 * without the database. The attendance rows stay the record and takeSeat's row lock the
 * decision: a mark is written inside takeSeat's transaction and removed after any stay closes,
 * so a mark can only be missing for a seat (the slow path then finds it), never left behind.
 */
export const seats = {
  async has(live: LiveState, code: string, identity: string): Promise<boolean> {
    return (await live.hget(seatedKey(code), identity)) !== undefined;
  },
  async mark(live: LiveState, code: string, identity: string): Promise<void> {
    await live.hset(seatedKey(code), identity, '1');
  },
  async release(live: LiveState, code: string, identity: string): Promise<void> {
    await live.hdel(seatedKey(code), identity);
  },
  /** Everyone's seat, when the meeting ends or its room finishes. */
  async clear(live: LiveState, code: string): Promise<void> {
    await live.del(seatedKey(code));
  },
};
