import { describe, expect, it } from 'vitest';
import { summarizeAttendance, type StayRecord } from './summarize-attendance.js';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 9, minute));
const stay = (identity: string, from: number, to: number | null, extra = {}): StayRecord => ({
  identity,
  name: identity,
  role: 'participant',
  joined_at: at(from),
  left_at: to === null ? null : at(to),
  ...extra,
});

describe('summarizeAttendance', () => {
  it('adds up a person’s stays and keeps their first join and last leave', () => {
    const [ann] = summarizeAttendance([stay('ann', 0, 10), stay('ann', 20, 25)], at(60));
    expect(ann).toMatchObject({
      firstJoinedAt: at(0).toISOString(),
      lastLeftAt: at(25).toISOString(),
      totalMinutes: 15,
      stays: 2,
    });
  });

  it('counts an open stay up to the given end and shows no leave for someone still in', () => {
    const [bob] = summarizeAttendance([stay('bob', 0, 5), stay('bob', 10, null)], at(40));
    expect(bob).toMatchObject({ lastLeftAt: null, totalMinutes: 35, stays: 2 });
  });

  it('lists people in order of arrival with their latest name and role', () => {
    const people = summarizeAttendance(
      [stay('a', 0, 1), stay('b', 2, 3), stay('a', 4, 5, { name: 'A2', role: 'co-host' })],
      at(9),
    );
    expect(people.map((p) => [p.identity, p.name, p.role])).toEqual([
      ['a', 'A2', 'co-host'],
      ['b', 'b', 'participant'],
    ]);
  });
});
