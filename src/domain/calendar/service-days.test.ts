import { describe, expect, it } from 'vitest';
import {
  countServiceDays,
  expandWeekdays,
  type ServiceDayDossier,
  upcomingServiceDays,
} from './service-days.ts';

describe('expandWeekdays', () => {
  it.each([
    // December 2026: Wednesdays are 2, 9, 16, 23, 30.
    {
      from: '2026-12-01',
      to: '2026-12-31',
      weekdays: [3],
      want: ['2026-12-02', '2026-12-09', '2026-12-16', '2026-12-23', '2026-12-30'],
    },
    // Across the year boundary, Thursday and Friday.
    {
      from: '2026-12-30',
      to: '2027-01-08',
      weekdays: [4, 5],
      want: ['2026-12-31', '2027-01-01', '2027-01-07', '2027-01-08'],
    },
    // February of a leap year ends on Tuesday the 29th.
    { from: '2028-02-26', to: '2028-03-01', weekdays: [2], want: ['2028-02-29'] },
    // A single day that is not the weekday asked for.
    { from: '2026-12-06', to: '2026-12-06', weekdays: [1], want: [] },
  ])('$from..$to on $weekdays', ({ from, to, weekdays, want }) => {
    expect(expandWeekdays(from, to, weekdays)).toEqual(want);
  });

  it('skips the days the office is closed (New Year’s Day 2027 is a Friday)', () => {
    const closed = (d: string) => d === '2027-01-01';
    expect(expandWeekdays('2026-12-28', '2027-01-08', [5], closed)).toEqual(['2027-01-08']);
  });

  it.each([
    ['2026-13-01', '2026-12-31'],
    ['2026-12-31', '2026-12-01'],
    ['2026-01-01', '2027-01-02'],
  ])('refuses %s..%s', (from, to) => {
    expect(() => expandWeekdays(from, to, [1])).toThrow(RangeError);
  });
});

describe('countServiceDays', () => {
  const days = [
    { day: '2026-12-09', kind: 'no_appointment' as const },
    { day: '2026-12-16', kind: 'no_appointment' as const },
    { day: '2026-12-10', kind: 'no_writing' as const },
    // Both kinds on one day count once for each kind.
    { day: '2026-12-16', kind: 'no_writing' as const },
  ];
  const d = (
    receivedDay: string,
    resolvedDay: string | null,
    channel: ServiceDayDossier['channel'],
    sameDay: boolean,
  ): ServiceDayDossier => ({ receivedDay, resolvedDay, channel, sameDay });

  it.each([
    {
      name: 'nothing received',
      received: [],
      want: { sameDayReceived: 0, sameDayResolved: 0, noWritingReceived: 0 },
    },
    {
      name: 'same-day dossiers on a no-appointment day, one resolved the next day',
      received: [
        d('2026-12-09', '2026-12-09', 'counter', true),
        d('2026-12-09', '2026-12-10', 'counter', true),
      ],
      want: { sameDayReceived: 2, sameDayResolved: 1, noWritingReceived: 0 },
    },
    {
      name: 'a longer procedure on a no-appointment day does not count',
      received: [d('2026-12-09', '2026-12-09', 'counter', false)],
      want: { sameDayReceived: 0, sameDayResolved: 0, noWritingReceived: 0 },
    },
    {
      name: 'a same-day dossier on an ordinary day does not count',
      received: [d('2026-12-08', '2026-12-08', 'counter', true)],
      want: { sameDayReceived: 0, sameDayResolved: 0, noWritingReceived: 0 },
    },
    {
      name: 'no-writing day: the counter counts, online does not',
      received: [d('2026-12-10', null, 'counter', false), d('2026-12-10', null, 'online', false)],
      want: { sameDayReceived: 0, sameDayResolved: 0, noWritingReceived: 1 },
    },
    {
      name: 'a day of both kinds counts a same-day counter dossier in both',
      received: [d('2026-12-16', '2026-12-16', 'counter', true)],
      want: { sameDayReceived: 1, sameDayResolved: 1, noWritingReceived: 1 },
    },
  ])('$name', ({ received, want }) => {
    expect(countServiceDays(days, received)).toEqual({ noAppointmentDays: 2, noWritingDays: 2, ...want });
  });
});

describe('upcomingServiceDays', () => {
  it('keeps today and later, earliest first, up to the limit', () => {
    const days = [
      { day: '2026-12-16', kind: 'no_writing' as const },
      { day: '2026-12-02', kind: 'no_appointment' as const },
      { day: '2026-12-16', kind: 'no_appointment' as const },
      { day: '2026-12-09', kind: 'no_appointment' as const },
      { day: '2027-01-06', kind: 'no_appointment' as const },
    ];
    expect(upcomingServiceDays(days, '2026-12-09', 3)).toEqual([
      { day: '2026-12-09', kind: 'no_appointment' },
      { day: '2026-12-16', kind: 'no_appointment' },
      { day: '2026-12-16', kind: 'no_writing' },
    ]);
  });
});
