import type { Presence } from '@gomeet/protocol';
import { describe, expect, it } from 'vitest';
import { handQueue, initialRealtimeState, reduceRealtime } from './realtime-state';

const person = (identity: string, handRaisedAt: string | null = null): Presence => ({
  identity,
  name: identity.toUpperCase(),
  role: 'participant',
  handRaisedAt,
  mic: true,
  camera: false,
});

const joined = reduceRealtime(initialRealtimeState, {
  type: 'welcome',
  v: 1,
  you: { identity: 'a', role: 'host', state: 'joined' },
  participants: [person('a'), person('b')],
  hands: [],
  locked: false,
  lobby: [{ identity: 'w', name: 'W', role: 'guest', requestedAt: '2030-01-01T00:00:00Z' }],
});

describe('realtime state', () => {
  it('follows presence, lobby and role deltas after a welcome', () => {
    let s = reduceRealtime(joined, { type: 'presence.joined', participant: person('c') });
    s = reduceRealtime(s, {
      type: 'presence.updated',
      participant: { ...person('b'), mic: false },
    });
    s = reduceRealtime(s, { type: 'lobby.left', identity: 'w' });
    s = reduceRealtime(s, { type: 'role.changed', identity: 'b', role: 'co-host' });
    s = reduceRealtime(s, { type: 'participant.removed', identity: 'c' });
    expect(s.participants.map((p) => [p.identity, p.role, p.mic])).toEqual([
      ['a', 'participant', true],
      ['b', 'co-host', false],
    ]);
    expect(s.lobby).toEqual([]);
    expect(s.welcomes).toBe(1);
  });

  it('orders the hand queue by raise time when two pods sent it out of order', () => {
    let s = reduceRealtime(joined, {
      type: 'presence.updated',
      participant: person('a', '2030-01-01T00:00:02Z'),
    });
    s = reduceRealtime(s, {
      type: 'presence.updated',
      participant: person('b', '2030-01-01T00:00:01Z'),
    });
    s = reduceRealtime(s, { type: 'hands', hands: ['a', 'b'] });
    expect(handQueue(s)).toEqual(['b', 'a']);
  });
});
