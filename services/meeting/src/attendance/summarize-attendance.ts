import type { Attendee, Role } from '@gomeet/protocol';

/** One recorded stay: from a join to its leave (null while still in). */
export interface StayRecord {
  identity: string;
  name: string;
  role: Role;
  joined_at: Date;
  left_at: Date | null;
}

const MS_PER_MINUTE = 60_000;

/**
 * Folds stays (in join order) into one line per person, earliest arrival first. An open stay
 * counts up to `until` (now, or when the meeting ended); the latest name and role win, so a
 * promotion or a renamed guest shows as they were last.
 */
export function summarizeAttendance(stays: StayRecord[], until: Date): Attendee[] {
  const people = new Map<string, Attendee & { ms: number; open: boolean }>();
  for (const stay of stays) {
    const end = stay.left_at ?? until;
    const ms = Math.max(0, end.getTime() - stay.joined_at.getTime());
    const seen = people.get(stay.identity);
    if (!seen) {
      people.set(stay.identity, {
        identity: stay.identity,
        name: stay.name,
        role: stay.role,
        firstJoinedAt: stay.joined_at.toISOString(),
        lastLeftAt: stay.left_at?.toISOString() ?? null,
        totalMinutes: 0,
        stays: 1,
        ms,
        open: stay.left_at === null,
      });
      continue;
    }
    seen.name = stay.name;
    seen.role = stay.role;
    seen.stays += 1;
    seen.ms += ms;
    seen.open ||= stay.left_at === null;
    const left = stay.left_at?.toISOString() ?? null;
    if (left && (!seen.lastLeftAt || left > seen.lastLeftAt)) seen.lastLeftAt = left;
  }
  return [...people.values()].map(({ ms, open, ...person }) => ({
    ...person,
    lastLeftAt: open ? null : person.lastLeftAt,
    totalMinutes: Math.round(ms / (MS_PER_MINUTE / 10)) / 10,
  }));
}
