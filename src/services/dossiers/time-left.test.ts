import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, DEFAULT_CALENDAR_SETTINGS } from '../../domain/calendar/index.ts';
import { timeLeftOf } from './time-left.ts';

// Wednesday 25 March 2026 is a day off in this unit's calendar.
const calendar = createWorkingCalendar(DEFAULT_CALENDAR_SETTINGS, [
  { date: '2026-03-25', kind: 'holiday', name: 'Nghỉ đột xuất' },
]);
const open = (dueAt: string, extra: { status?: string; paused?: boolean } = {}) => ({
  status: 'in_progress',
  paused: false,
  dueAt: new Date(dueAt),
  ...extra,
});

describe('timeLeftOf', () => {
  it('counts working days and minutes in the calendar, holidays skipped', () => {
    const now = new Date('2026-03-23T02:00:00Z'); // Monday 09:00
    // Due Tuesday 31 March 09:00: 24, 26, 27, 30 and 31 March (Monday to Friday would say 6 days).
    expect(timeLeftOf(open('2026-03-31T02:00:00Z'), calendar, now)).toEqual({
      state: 'running',
      workingMinutes: 150 + 240 + 4 * 480 + 90,
      workingDays: 5,
      lateMinutes: 0,
    });
  });

  it('due today: no working days, the working minutes left (lunch not counted)', () => {
    const now = new Date('2026-03-23T03:00:00Z'); // Monday 10:00
    expect(timeLeftOf(open('2026-03-23T07:00:00Z'), calendar, now)).toEqual({
      state: 'running',
      workingMinutes: 90 + 60,
      workingDays: 0,
      lateMinutes: 0,
    });
  });

  it('overdue in clock minutes; paused and closed carry no count', () => {
    const now = new Date('2026-03-23T03:00:00Z');
    expect(timeLeftOf(open('2026-03-23T01:00:00Z'), calendar, now)).toEqual({
      state: 'overdue',
      workingMinutes: 0,
      workingDays: 0,
      lateMinutes: 120,
    });
    expect(timeLeftOf(open('2026-03-20T01:00:00Z', { paused: true }), calendar, now).state).toBe('paused');
    expect(timeLeftOf(open('2026-03-20T01:00:00Z', { status: 'paused' }), calendar, now).state).toBe(
      'paused',
    );
    expect(timeLeftOf(open('2026-03-20T01:00:00Z', { status: 'resolved' }), calendar, now)).toEqual({
      state: 'closed',
      workingMinutes: 0,
      workingDays: 0,
      lateMinutes: 0,
    });
  });
});
