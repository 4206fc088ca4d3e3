import { LIVEKIT_EVENTS_TOPIC, roster, type LiveKitEvent } from '@gomeet/platform';
import type { Meeting } from '@gomeet/protocol';
import { describeBackends } from '@gomeet/testing/describe-backends';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { startHarness, type Harness, poll } from './harness.js';

type Kind =
  'participant_joined' | 'participant_left' | 'room_started' | 'room_finished' | 'track_published';

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

describeBackends('LiveKit events on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, inject('redisUrl'));
  });
  afterAll(() => h?.close());

  const base = Date.parse('2030-01-01T10:00:00Z');
  const at = (seconds: number) => new Date(base + seconds * 1000).toISOString();

  function event(kind: Kind, room: string, identity: string | null, createdAt: string) {
    const metadata = JSON.stringify({ role: 'participant', userId: identity, name: 'Lin' });
    const e: LiveKitEvent = {
      id: crypto.randomUUID(),
      event: kind,
      room,
      participant: identity ? { identity, name: 'Lin', metadata } : null,
      createdAt,
    };
    return e;
  }
  const publish = (e: LiveKitEvent) => h.bus.publish(LIVEKIT_EVENTS_TOPIC, e);

  const stays = async (code: string, identity: string) =>
    (
      await h.db
        .selectFrom('meeting_attendance')
        .select(['joined_at', 'left_at'])
        .where('meeting_code', '=', code)
        .where('identity', '=', identity)
        .orderBy('joined_at')
        .execute()
    ).map((r) => [r.joined_at.toISOString(), r.left_at?.toISOString() ?? null]);

  /**
   * Waits until every event published so far for `code` was applied: one room's events are
   * applied in arrival order, so a later sentinel join showing up means the earlier ones are done.
   */
  async function settle(code: string): Promise<void> {
    const sentinel = `sentinel-${crypto.randomUUID()}`;
    await publish(event('participant_joined', code, sentinel, new Date().toISOString()));
    await poll(
      async () =>
        (await stays(code, sentinel)).length > 0 ||
        h.roomService.calls.removeParticipant.some(([, id]) => id === sentinel),
    ).toBe(true);
  }

  const meetingState = async (code: string, token: string) =>
    (await h.call('GET', `/api/meetings/${code}`, token)).json<Meeting>().state;

  it('turns a scheduled meeting live when its room starts, but never an ended one', async () => {
    const host = await h.user();
    const scheduled = await h.create(host.token);
    const ended = await h.create(host.token);
    await h.call('POST', `/api/meetings/${ended.code}/end`, host.token);
    await publish(event('room_started', scheduled.code, null, at(0)));
    await publish(event('room_started', ended.code, null, at(0)));
    await poll(() => meetingState(scheduled.code, host.token)).toBe('live');
    await settle(ended.code);
    expect(await meetingState(ended.code, host.token)).toBe('ended');
  });

  it('records a join and a leave from LiveKit alone: a stay, and the roster says joined', async () => {
    const host = await h.user();
    const meeting = await h.create(host.token);
    await publish(event('participant_joined', meeting.code, 'user-lin', at(0)));
    await settle(meeting.code);
    expect(await stays(meeting.code, 'user-lin')).toEqual([[at(0), null]]);
    expect(await roster.get(h.live, meeting.code, 'user-lin')).toMatchObject({
      state: 'joined',
      name: 'Lin',
      role: 'participant',
    });
    await publish(event('participant_left', meeting.code, 'user-lin', at(30)));
    await settle(meeting.code);
    expect(await stays(meeting.code, 'user-lin')).toEqual([[at(0), at(30)]]);
  });

  it('ends up with the same stays whatever order two visits’ joins and leaves arrive in, duplicates included', async () => {
    const host = await h.user();
    const visits = ['participant_joined', 'participant_left', 'participant_joined'] as const;
    const kinds = [...visits, 'participant_left' as const];
    const orders = permutations([0, 1, 2, 3]);
    const meetings = await Promise.all(orders.map(() => h.create(host.token)));
    for (const [i, order] of orders.entries()) {
      const code = meetings[i]?.code ?? '';
      const events = order.map((k) =>
        event(kinds[k] ?? 'participant_joined', code, 'lin', at(k * 10)),
      );
      // Every event twice: a redelivery, or a second pod seeing it.
      for (const e of [...events, ...events.slice().reverse()]) await publish(e);
    }
    for (const [i, order] of orders.entries()) {
      const code = meetings[i]?.code ?? '';
      await settle(code);
      expect(await stays(code, 'lin'), `order ${order.join(',')}`).toEqual([
        [at(0), at(10)],
        [at(20), at(30)],
      ]);
    }
  });

  it('ignores a leave older than the open stay, and a join older than a leave already recorded', async () => {
    const host = await h.user();
    const meeting = await h.create(host.token, { settings: { lobby: false } });
    const me = await h.user();
    const joinedAt = Date.now();
    expect(
      (await h.call('POST', `/api/meetings/${meeting.code}/join`, me.token, {})).statusCode,
    ).toBe(200);
    // A leave from an earlier visit, delivered late, must not close today's stay.
    const earlier = new Date(joinedAt - 60_000).toISOString();
    await publish(event('participant_left', meeting.code, me.actor.id, earlier));
    await settle(meeting.code);
    const open = (await stays(meeting.code, me.actor.id)).filter(([, left]) => left === null);
    expect(open).toHaveLength(1);

    const left = new Date(joinedAt + 60_000).toISOString();
    await publish(event('participant_left', meeting.code, me.actor.id, left));
    await publish(
      event(
        'participant_joined',
        meeting.code,
        me.actor.id,
        new Date(joinedAt - 5000).toISOString(),
      ),
    );
    await publish(
      event(
        'participant_joined',
        meeting.code,
        me.actor.id,
        new Date(joinedAt + 1000).toISOString(),
      ),
    );
    await settle(meeting.code);
    const after = await stays(meeting.code, me.actor.id);
    expect(after.filter(([, l]) => l === null)).toEqual([]);
    expect(after.at(-1)?.[1]).toBe(left);
  });

  it('closes every open stay when the room finishes, and a late join from before does not reopen one', async () => {
    const host = await h.user();
    const meeting = await h.create(host.token);
    await publish(event('participant_joined', meeting.code, 'a', at(0)));
    await publish(event('participant_joined', meeting.code, 'b', at(5)));
    await publish(event('room_finished', meeting.code, null, at(60)));
    await publish(event('participant_joined', meeting.code, 'a', at(1)));
    await settle(meeting.code);
    expect(await stays(meeting.code, 'a')).toEqual([[at(0), at(60)]]);
    expect(await stays(meeting.code, 'b')).toEqual([[at(5), at(60)]]);
  });

  it('disconnects whoever connects to the room of an ended meeting, and records nothing (fake RoomService)', async () => {
    const host = await h.user();
    const meeting = await h.create(host.token);
    await h.call('POST', `/api/meetings/${meeting.code}/end`, host.token);
    await publish(event('participant_joined', meeting.code, 'late', at(0)));
    await poll(() => h.roomService.calls.removeParticipant).toContainEqual([meeting.code, 'late']);
    expect(await stays(meeting.code, 'late')).toEqual([]);
    expect(await roster.get(h.live, meeting.code, 'late')).toBeUndefined();
  });

  it('ignores rooms that are no meeting of ours, and malformed events', async () => {
    const host = await h.user();
    const meeting = await h.create(host.token);
    await h.bus.publish(LIVEKIT_EVENTS_TOPIC, { nonsense: true });
    await publish(event('participant_joined', 'not-a-meeting-room', 'x', at(0)));
    await publish(event('participant_joined', 'zzz-zzzz-zzz', 'x', at(0)));
    await publish(event('track_published', meeting.code, 'x', at(0)));
    await settle(meeting.code);
    expect(await stays(meeting.code, 'x')).toEqual([]);
    expect(await roster.all(h.live, 'zzz-zzzz-zzz')).toEqual([]);
  });
});
