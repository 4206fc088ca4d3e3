import type { AdminUsage, UsageDay } from '@gomeet/protocol';

/** One stay as usage needs it: which meeting, from when to when (null: still in). */
export interface UsageStay {
  meeting_code: string;
  joined_at: Date;
  left_at: Date | null;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Minutes to one decimal. */
const minutes = (ms: number) => Math.round(ms / (MINUTE_MS / 10)) / 10;

/** Midnight UTC of a YYYY-MM-DD date. */
export function utcDay(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** Total length of the union of intervals. */
function unionMs(intervals: [number, number][]): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let [from, to] = [-Infinity, -Infinity];
  for (const [start, end] of sorted) {
    if (start > to) {
      if (to > from) total += to - from;
      [from, to] = [start, end];
    } else if (end > to) {
      to = end;
    }
  }
  if (to > from) total += to - from;
  return total;
}

/** The most intervals open at one instant; one ending as another starts do not overlap. */
function peakOverlap(intervals: [number, number][]): number {
  const edges = intervals.flatMap(([s, e]): [number, number][] => [
    [s, 1],
    [e, -1],
  ]);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let peak = 0;
  for (const [, change] of edges) {
    open += change;
    peak = Math.max(peak, open);
  }
  return peak;
}

/**
 * Folds stays into one line per UTC day from `from` to `to` (YYYY-MM-DD, both included): the
 * meetings someone was in, minutes meetings had anyone in them, minutes summed over people, and
 * the most people in meetings at once. An open stay counts up to `now`; nothing counts after it.
 */
export function computeUsage(
  stays: UsageStay[],
  range: { from: string; to: string },
  now: Date,
): AdminUsage {
  const first = utcDay(range.from);
  const count = Math.round((utcDay(range.to) - first) / DAY_MS) + 1;
  const perDay: [string, number, number][][] = Array.from({ length: count }, () => []);
  for (const stay of stays) {
    const start = stay.joined_at.getTime();
    const end = Math.min((stay.left_at ?? now).getTime(), now.getTime());
    if (end <= start) continue;
    const lastDay = Math.min(count - 1, Math.floor((end - 1 - first) / DAY_MS));
    for (let d = Math.max(0, Math.floor((start - first) / DAY_MS)); d <= lastDay; d++) {
      const dayStart = first + d * DAY_MS;
      const s = Math.max(start, dayStart);
      const e = Math.min(end, dayStart + DAY_MS);
      if (e > s) perDay[d]?.push([stay.meeting_code, s, e]);
    }
  }
  const days: UsageDay[] = perDay.map((pieces, d) => {
    const byMeeting = new Map<string, [number, number][]>();
    for (const [code, s, e] of pieces) {
      byMeeting.set(code, [...(byMeeting.get(code) ?? []), [s, e]]);
    }
    const meetingMs = [...byMeeting.values()].reduce((sum, list) => sum + unionMs(list), 0);
    const participantMs = pieces.reduce((sum, [, s, e]) => sum + (e - s), 0);
    return {
      date: new Date(first + d * DAY_MS).toISOString().slice(0, 10),
      meetings: byMeeting.size,
      meetingMinutes: minutes(meetingMs),
      participantMinutes: minutes(participantMs),
      peakConcurrentParticipants: peakOverlap(pieces.map(([, s, e]) => [s, e])),
    };
  });
  return {
    from: range.from,
    to: range.to,
    days,
    totals: {
      meetingMinutes: minutes(days.reduce((sum, day) => sum + day.meetingMinutes * MINUTE_MS, 0)),
      participantMinutes: minutes(
        days.reduce((sum, day) => sum + day.participantMinutes * MINUTE_MS, 0),
      ),
      peakConcurrentParticipants: Math.max(0, ...days.map((day) => day.peakConcurrentParticipants)),
    },
  };
}
