import { describe, expect, it } from 'vitest';
import { computeUsage, type UsageStay } from './compute-usage.js';

const t = (iso: string) => new Date(`2031-01-01T${iso}Z`);
const stay = (code: string, from: string, to: string | null): UsageStay => ({
  meeting_code: code,
  joined_at: t(from),
  left_at: to === null ? null : t(to),
});
const day = { from: '2031-01-01', to: '2031-01-01' };

describe('computeUsage', () => {
  it('does not count one leaving as another joins at the same instant as overlap', () => {
    const usage = computeUsage(
      [stay('a', '10:00:00', '10:30:00'), stay('a', '10:30:00', '11:00:00')],
      day,
      t('23:00:00'),
    );
    expect(usage.days[0]).toMatchObject({
      meetingMinutes: 60,
      participantMinutes: 60,
      peakConcurrentParticipants: 1,
    });
  });

  it('counts an open stay up to now, and nothing after now', () => {
    const usage = computeUsage([stay('a', '10:00:00', null)], day, t('10:45:00'));
    expect(usage.days[0]).toMatchObject({ meetingMinutes: 45, participantMinutes: 45 });
  });

  it('counts the peak across meetings and the meeting minutes per meeting', () => {
    const usage = computeUsage(
      [
        stay('a', '10:00:00', '11:00:00'),
        stay('a', '10:15:00', '10:45:00'),
        stay('b', '10:40:00', '10:50:00'),
      ],
      day,
      t('23:00:00'),
    );
    expect(usage.days[0]).toEqual({
      date: '2031-01-01',
      meetings: 2,
      meetingMinutes: 70,
      participantMinutes: 100,
      peakConcurrentParticipants: 3,
    });
  });

  it('ignores stays outside the range', () => {
    const usage = computeUsage(
      [{ meeting_code: 'a', joined_at: new Date('2030-12-31T10:00:00Z'), left_at: t('00:00:00') }],
      day,
      t('23:00:00'),
    );
    expect(usage.days[0]?.meetings).toBe(0);
  });
});
