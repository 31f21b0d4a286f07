import { describe, expect, it } from 'vitest';
import { gradeCounts, isWeekStart, quarterOf, weekEndOf, weekStartOf } from './evaluation.ts';

describe('weeks', () => {
  it.each([
    { day: '2026-12-07', monday: '2026-12-07' }, // a Monday
    { day: '2026-12-11', monday: '2026-12-07' }, // the Friday of that week
    { day: '2026-12-13', monday: '2026-12-07' }, // its Sunday
    { day: '2027-01-01', monday: '2026-12-28' }, // across the new year
    { day: '2024-03-01', monday: '2024-02-26' }, // across a leap February
  ])('$day is in the week of $monday', ({ day, monday }) => {
    expect(weekStartOf(day)).toBe(monday);
  });

  it('only Mondays start a week; the week ends on Sunday', () => {
    expect(isWeekStart('2026-12-07')).toBe(true);
    expect(isWeekStart('2026-12-08')).toBe(false);
    expect(isWeekStart('07/12/2026')).toBe(false);
    expect(weekEndOf('2026-12-28')).toBe('2027-01-03');
  });

  it.each([
    ['2026-01-31', 1],
    ['2026-04-01', 2],
    ['2026-09-30', 3],
    ['2026-12-31', 4],
  ] as const)('%s is in quarter %i', (day, q) => {
    expect(quarterOf(day)).toBe(q);
  });
});

describe('grade counts', () => {
  it('counts each grade and the weeks not graded', () => {
    expect(gradeCounts(['A', 'B', 'A', null, 'D'])).toEqual({ A: 2, B: 1, C: 0, D: 1, ungraded: 1 });
  });
});
