import { describe, expect, it } from 'vitest';
import { CalendarError, createWorkingCalendar, DEFAULT_CALENDAR_SETTINGS, type Duration } from './index.ts';
import { at, calendarWith, days, hours, local, sameDay, VN_DAYS, vnCalendar } from './test-helpers.ts';

const cal = vnCalendar;

describe('dueAt / dueDate — working hours (defaults, VN holidays)', () => {
  it.each<[string, string, Duration, string]>([
    // The four reference examples.
    ['Mon 09:00 + 3 days', '2026-03-02T09:00', days(3), '2026-03-05T09:00'],
    ['Fri 16:00 + 1 day', '2026-03-06T16:00', days(1), '2026-03-09T16:00'],
    ['Sat 10:00 + 2 days', '2026-03-07T10:00', days(2), '2026-03-10T17:00'],
    ['Mon 12:00 (lunch) + 4 hours', '2026-03-02T12:00', hours(4), '2026-03-02T17:00'],
    // Weekends.
    ['Sun late evening + 1 day', '2026-03-08T23:00', days(1), '2026-03-09T17:00'],
    ['Fri 10:00 + 5 days', '2026-03-06T10:00', days(5), '2026-03-13T10:00'],
    ['Thu 15:00 + 2 days', '2026-03-05T15:00', days(2), '2026-03-09T15:00'],
    // Lunch, before opening, after hours.
    ['Tue 12:15 (lunch) + 1 day', '2026-03-03T12:15', days(1), '2026-03-04T11:30'],
    ['Tue 06:00 (before opening) + 1 day', '2026-03-03T06:00', days(1), '2026-03-03T17:00'],
    ['Tue 06:00 + 0.5 day', '2026-03-03T06:00', days(0.5), '2026-03-03T11:30'],
    ['Tue 18:00 (after hours) + 1 day', '2026-03-03T18:00', days(1), '2026-03-04T17:00'],
    ['Tue 17:00 exactly + 2 hours', '2026-03-03T17:00', hours(2), '2026-03-04T09:30'],
    ['Tue 11:30 exactly + 1 hour', '2026-03-03T11:30', hours(1), '2026-03-03T14:00'],
    // Session ends are kept.
    ['Tue 07:30 + 4 hours ends 11:30', '2026-03-03T07:30', hours(4), '2026-03-03T11:30'],
    ['Tue 07:30 + 8 hours ends 17:00', '2026-03-03T07:30', hours(8), '2026-03-03T17:00'],
    ['Tue 13:00 + 4 hours ends 17:00', '2026-03-03T13:00', hours(4), '2026-03-03T17:00'],
    ['Tue 09:00 + 2.5 hours ends 11:30', '2026-03-03T09:00', hours(2.5), '2026-03-03T11:30'],
    ['Tue 09:00 + 3 hours crosses lunch', '2026-03-03T09:00', hours(3), '2026-03-03T13:30'],
    ['Tue 13:00 + 1 day ends 11:30 next day', '2026-03-03T13:00', days(1), '2026-03-04T11:30'],
    ['Mon 07:30 + 40 hours ends Fri 17:00', '2026-03-02T07:30', hours(40), '2026-03-06T17:00'],
    // Tết 2026 (break Sat 14/02 – Sun 22/02).
    ['Tết 2026: Fri 13/02 09:00 + 1 day', '2026-02-13T09:00', days(1), '2026-02-23T09:00'],
    ['Tết 2026: Fri 13/02 16:30 + 2 days', '2026-02-13T16:30', days(2), '2026-02-24T16:30'],
    ['Tết 2026: received during Tết + 1 day', '2026-02-18T10:00', days(1), '2026-02-23T17:00'],
    ['Tết 2025: Fri 24/01 10:00 + 1 day', '2025-01-24T10:00', days(1), '2025-02-03T10:00'],
    ['Tết 2027 (provisional): Thu 04/02 10:00 + 1 day', '2027-02-04T10:00', days(1), '2027-02-12T10:00'],
    // 30/4 – 1/5.
    ['30/4 2025: Tue 29/04 09:00 + 1 day', '2025-04-29T09:00', days(1), '2025-05-05T09:00'],
    ['30/4 2026: Tue 28/04 09:00 + 2 days', '2026-04-28T09:00', days(2), '2026-05-04T09:00'],
    ['Hùng Kings 2026 substitute Mon 27/04', '2026-04-24T10:00', days(1), '2026-04-28T10:00'],
    ['Hùng Kings 2025 Mon 07/04', '2025-04-04T10:00', days(1), '2025-04-08T10:00'],
    // Make-up Saturdays count.
    ['make-up Sat 26/04/2025 counted', '2025-04-25T09:00', days(1), '2025-04-26T09:00'],
    ['make-up Sat 26/04/2025 then Mon', '2025-04-25T09:00', days(2), '2025-04-28T09:00'],
    ['received on make-up Sat 26/04/2025', '2025-04-26T10:00', days(1), '2025-04-28T10:00'],
    ['make-up Sat 10/01/2026 counted', '2026-01-09T10:00', days(1), '2026-01-10T10:00'],
    ['make-up Sat 22/08/2026 counted', '2026-08-21T10:00', days(1), '2026-08-22T10:00'],
    // 2/9.
    ['2/9 2026: Fri 28/08 09:00 + 1 day', '2026-08-28T09:00', days(1), '2026-09-03T09:00'],
    ['2/9 2025: Fri 29/08 10:00 + 1 day', '2025-08-29T10:00', days(1), '2025-09-03T10:00'],
    // Year and month boundaries.
    ['31/12/2025 + 1 day (1/1 and 2/1 off)', '2025-12-31T10:00', days(1), '2026-01-05T10:00'],
    ['31/12/2026 + 1 day (1/1/2027 off)', '2026-12-31T10:00', days(1), '2027-01-04T10:00'],
    ['Fri 30/01/2026 14:00 + 2 days', '2026-01-30T14:00', days(2), '2026-02-03T14:00'],
    ['Fri 27/02/2026 08:00 + 1 day', '2026-02-27T08:00', days(1), '2026-03-02T08:00'],
    // Long durations across Tết.
    ['30 days across Tết 2026', '2026-02-02T08:00', days(30), '2026-03-23T08:00'],
    ['60 days across Tết 2026 with make-up 10/01', '2026-01-05T08:00', days(60), '2026-04-03T08:00'],
    // Fractional and zero.
    ['0.25 day', '2026-03-02T07:30', days(0.25), '2026-03-02T09:30'],
    ['1.5 days', '2026-03-02T07:30', days(1.5), '2026-03-03T11:30'],
    ['0.1 hour = 6 minutes', '2026-03-02T09:00', hours(0.1), '2026-03-02T09:06'],
    ['zero days at lunch → effective start', '2026-03-02T12:00', days(0), '2026-03-02T13:00'],
    ['zero hours inside a session', '2026-03-02T09:00', hours(0), '2026-03-02T09:00'],
    ['zero hours on Saturday', '2026-03-07T09:00', hours(0), '2026-03-09T07:30'],
    // Time zones: instants given in UTC that are another local day.
    ['UTC Sun 20:00 = Mon 03:00 local', '2026-03-01T20:00:00Z', days(1), '2026-03-02T17:00'],
    ['UTC Fri 10:30 = Fri 17:30 local', '2026-03-06T10:30:00Z', days(1), '2026-03-09T17:00'],
    ['UTC Mon 02:00 = Mon 09:00 local', '2026-03-02T02:00:00Z', days(3), '2026-03-05T09:00'],
    ['offset +09:00 (Tokyo wall clock)', '2026-03-02T11:00:00+09:00', days(1), '2026-03-03T09:00'],
    // Seconds are kept.
    ['seconds kept', '2026-03-02T09:00:30', hours(1), '2026-03-02T10:00:30'],
  ])('%s', (_label, from, duration, expected) => {
    const due = cal.dueAt(at(from), duration);
    expect(local(due)).toBe(expected);
    expect(cal.dueDate(at(from), duration).dueAt.getTime()).toBe(due.getTime());
  });
});

describe('sameDay', () => {
  it.each<[string, string, string]>([
    ['Mon 14:59 → Mon', '2026-03-02T14:59', '2026-03-02T17:00'],
    ['Mon 15:00 exactly → Tue', '2026-03-02T15:00', '2026-03-03T17:00'],
    ['Mon 16:30 → Tue', '2026-03-02T16:30', '2026-03-03T17:00'],
    ['Mon 18:00 → Tue', '2026-03-02T18:00', '2026-03-03T17:00'],
    ['Mon 06:00 (before opening) → Mon', '2026-03-02T06:00', '2026-03-02T17:00'],
    ['Mon 12:00 (lunch) → Mon', '2026-03-02T12:00', '2026-03-02T17:00'],
    ['Fri 15:30 → Mon', '2026-03-06T15:30', '2026-03-09T17:00'],
    ['Sat 09:00 → Mon', '2026-03-07T09:00', '2026-03-09T17:00'],
    ['Sun 09:00 → Mon', '2026-03-08T09:00', '2026-03-09T17:00'],
    ['Tết eve Fri 13/02/2026 10:00 → same day', '2026-02-13T10:00', '2026-02-13T17:00'],
    ['Tết eve Fri 13/02/2026 16:00 → after Tết', '2026-02-13T16:00', '2026-02-23T17:00'],
    ['30/4 eve Tue 29/04/2025 15:30 → Mon 05/05', '2025-04-29T15:30', '2025-05-05T17:00'],
    ['31/12/2025 15:30 → Mon 05/01/2026', '2025-12-31T15:30', '2026-01-05T17:00'],
    ['on a holiday → next working day', '2026-09-02T09:00', '2026-09-03T17:00'],
    ['on make-up Sat 26/04/2025 10:00 → same day', '2025-04-26T10:00', '2025-04-26T17:00'],
    ['UTC 07:59Z = 14:59 local → same day', '2026-03-02T07:59:00Z', '2026-03-02T17:00'],
    ['UTC 08:00Z = 15:00 local → next day', '2026-03-02T08:00:00Z', '2026-03-03T17:00'],
  ])('%s', (_label, from, expected) => {
    expect(local(cal.dueAt(at(from), sameDay))).toBe(expected);
    expect(local(cal.dueDate(at(from), sameDay).dueAt)).toBe(expected);
  });
});

describe('mode calendarDays (N-th working day strictly after the reception date, end of day)', () => {
  const cd = calendarWith({ mode: 'calendarDays' });
  it.each<[string, string, Duration, string]>([
    ['Mon 09:00 + 3', '2026-03-02T09:00', days(3), '2026-03-05T17:00'],
    ['Mon 16:59 + 3', '2026-03-02T16:59', days(3), '2026-03-05T17:00'],
    ['Mon 06:00 + 3', '2026-03-02T06:00', days(3), '2026-03-05T17:00'],
    ['Mon 20:00 + 3', '2026-03-02T20:00', days(3), '2026-03-05T17:00'],
    ['Sat + 1 → Mon', '2026-03-07T10:00', days(1), '2026-03-09T17:00'],
    ['Fri + 1 → Mon', '2026-03-06T10:00', days(1), '2026-03-09T17:00'],
    ['before Tết + 1', '2026-02-13T10:00', days(1), '2026-02-23T17:00'],
    ['2.5 rounds up to 3', '2026-03-02T09:00', days(2.5), '2026-03-05T17:00'],
    ['0 → effective start', '2026-03-02T12:00', days(0), '2026-03-02T13:00'],
    ['workingHours unchanged', '2026-03-02T12:00', hours(4), '2026-03-02T17:00'],
    ['sameDay unchanged', '2026-03-02T16:00', sameDay, '2026-03-03T17:00'],
    ['make-up Saturday counts', '2025-04-25T10:00', days(1), '2025-04-26T17:00'],
  ])('%s', (_label, from, duration, expected) => {
    expect(local(cd.dueAt(at(from), duration))).toBe(expected);
    expect(local(cd.dueDate(at(from), duration).dueAt)).toBe(expected);
  });

  it('counts the working minutes from the effective start', () => {
    const r = cd.dueDate(at('2026-03-02T09:00'), days(3));
    expect(r.workingMinutes).toBe(390 + 3 * 480);
  });
});

describe('effectiveStart', () => {
  it.each<[string, string]>([
    ['2026-03-02T09:00', '2026-03-02T09:00'],
    ['2026-03-02T07:30', '2026-03-02T07:30'],
    ['2026-03-02T06:00', '2026-03-02T07:30'],
    ['2026-03-02T12:00', '2026-03-02T13:00'],
    ['2026-03-02T11:30', '2026-03-02T13:00'],
    ['2026-03-02T17:00', '2026-03-03T07:30'],
    ['2026-03-07T10:00', '2026-03-09T07:30'],
    ['2026-02-13T18:00', '2026-02-23T07:30'],
    ['2025-04-25T18:00', '2025-04-26T07:30'],
    ['2026-03-02T00:00:00Z', '2026-03-02T07:30'],
    ['2026-03-01T23:59:59Z', '2026-03-02T07:30'],
  ])('%s → %s', (from, expected) => {
    expect(local(cal.effectiveStart(at(from)))).toBe(expected);
  });
});

describe('addWorkingMinutes', () => {
  it.each<[string, number, string]>([
    ['2026-03-02T09:00', 150, '2026-03-02T11:30'],
    ['2026-03-02T09:00', 151, '2026-03-02T13:01'],
    ['2026-03-02T16:00', 60, '2026-03-02T17:00'],
    ['2026-03-02T16:00', 61, '2026-03-03T07:31'],
    ['2026-03-02T12:00', 0, '2026-03-02T13:00'],
    ['2026-03-06T16:00', 480, '2026-03-09T16:00'],
    ['2026-03-02T09:00', 0.5, '2026-03-02T09:00:30'],
  ])('%s + %d min → %s', (from, minutes, expected) => {
    expect(local(cal.addWorkingMinutes(at(from), minutes))).toBe(expected);
  });
});

describe('elapsedWorkingMinutes', () => {
  it.each<[string, string, string, number]>([
    ['inside a session', '2026-03-02T09:00', '2026-03-02T10:00', 60],
    ['across lunch', '2026-03-02T11:00', '2026-03-02T14:00', 90],
    ['lunch only', '2026-03-02T12:00', '2026-03-02T12:30', 0],
    ['across a night', '2026-03-02T16:00', '2026-03-03T08:00', 90],
    ['across a weekend', '2026-03-06T16:00', '2026-03-09T08:00', 90],
    ['across Tết 2026', '2026-02-13T16:00', '2026-02-23T08:00', 90],
    ['a full week', '2026-03-02T07:30', '2026-03-06T17:00', 2400],
    ['March 2026 (22 working days)', '2026-03-01T00:00', '2026-04-01T00:00', 22 * 480],
    ['a make-up Saturday', '2026-01-10T00:00', '2026-01-11T00:00', 480],
    ['a holiday', '2026-09-02T00:00', '2026-09-03T00:00', 0],
    ['a weekend', '2026-03-07T00:00', '2026-03-09T00:00', 0],
    ['same instant', '2026-03-02T09:00', '2026-03-02T09:00', 0],
    ['reversed', '2026-03-03T09:00', '2026-03-02T09:00', 0],
    ['seconds', '2026-03-02T09:00:00', '2026-03-02T09:00:30', 0.5],
    ['UTC inputs', '2026-03-02T02:00:00Z', '2026-03-02T03:00:00Z', 60],
  ])('%s', (_label, from, to, expected) => {
    expect(cal.elapsedWorkingMinutes(at(from), at(to))).toBe(expected);
  });
});

describe('days', () => {
  it.each<[string, { working: boolean; reason: string; name?: string }]>([
    ['2026-03-02', { working: true, reason: 'weekday' }],
    ['2026-03-07', { working: false, reason: 'weekend' }],
    ['2026-09-02', { working: false, reason: 'holiday', name: 'Quốc khánh (2/9)' }],
    ['2025-04-26', { working: true, reason: 'workday', name: 'Làm bù cho ngày 02/05/2025' }],
    ['2026-02-17', { working: false, reason: 'holiday', name: 'Tết Nguyên đán (mùng 1 tháng Giêng)' }],
    ['2040-01-02', { working: true, reason: 'weekday' }],
  ])('dayInfo(%s)', (date, expected) => {
    expect(cal.dayInfo(date)).toEqual(expected);
    expect(cal.isWorkingDay(date)).toBe(expected.working);
  });

  it.each<[string, string]>([
    ['2026-03-02', '2026-03-03'],
    ['2026-03-06', '2026-03-09'],
    ['2026-03-07', '2026-03-09'],
    ['2026-02-13', '2026-02-23'],
    ['2025-04-25', '2025-04-26'],
    ['2025-12-31', '2026-01-05'],
    ['2100-12-30', '2100-12-31'],
    ['2200-01-01', '2200-01-02'],
  ])('nextWorkingDay(%s) = %s', (date, expected) => {
    expect(cal.nextWorkingDay(date)).toBe(expected);
  });
});

describe('custom settings', () => {
  const south = calendarWith({
    sessions: [
      { start: '08:00', end: '12:00' },
      { start: '13:30', end: '17:30' },
    ],
    sameDayCutoff: '16:00',
  });
  it.each<[string, string, Duration, string]>([
    ['Mon 09:00 + 1 day', '2026-03-02T09:00', days(1), '2026-03-03T09:00'],
    ['Mon 07:45 + 1 day', '2026-03-02T07:45', days(1), '2026-03-02T17:30'],
    ['Mon 12:30 + 0.5 day', '2026-03-02T12:30', days(0.5), '2026-03-02T17:30'],
    ['Mon 12:00 + 2 hours', '2026-03-02T12:00', hours(2), '2026-03-02T15:30'],
    ['Mon 08:00 + 0.5 day ends 12:00', '2026-03-02T08:00', days(0.5), '2026-03-02T12:00'],
    ['sameDay 15:30 with 16:00 cut-off', '2026-03-02T15:30', sameDay, '2026-03-02T17:30'],
    ['sameDay 16:00 with 16:00 cut-off', '2026-03-02T16:00', sameDay, '2026-03-03T17:30'],
  ])('%s', (_label, from, duration, expected) => {
    expect(local(south.dueAt(at(from), duration))).toBe(expected);
  });

  it('a six-day week counts Saturdays', () => {
    const six = calendarWith({ workingWeekdays: [1, 2, 3, 4, 5, 6] });
    expect(local(six.dueAt(at('2026-03-06T10:00'), days(1)))).toBe('2026-03-07T10:00');
  });

  it('a single session and the UTC zone', () => {
    const utc = createWorkingCalendar(
      { ...DEFAULT_CALENDAR_SETTINGS, timeZone: 'UTC', sessions: [{ start: '09:00', end: '17:00' }] },
      [],
    );
    expect(utc.dueAt(new Date('2026-03-06T16:00:00Z'), days(1)).toISOString()).toBe(
      '2026-03-09T16:00:00.000Z',
    );
    expect(utc.dueAt(new Date('2026-03-06T09:00:00Z'), days(1)).toISOString()).toBe(
      '2026-03-06T17:00:00.000Z',
    );
  });

  it('a cut-off after closing time still sends evening receptions to the next day', () => {
    const late = calendarWith({ sameDayCutoff: '18:00' });
    expect(local(late.dueAt(at('2026-03-02T17:30'), sameDay))).toBe('2026-03-03T17:00');
    expect(local(late.dueAt(at('2026-03-02T16:59'), sameDay))).toBe('2026-03-02T17:00');
  });

  it('a week with no working weekday but make-up days works on those days only', () => {
    const c = createWorkingCalendar({ ...DEFAULT_CALENDAR_SETTINGS, workingWeekdays: [] }, [
      { date: '2026-03-10', kind: 'workday', name: 'x' },
    ]);
    expect(local(c.dueAt(at('2026-03-02T09:00'), days(1)))).toBe('2026-03-10T17:00');
  });

  it('settings are normalised and frozen', () => {
    expect(cal.settings).toEqual(DEFAULT_CALENDAR_SETTINGS);
    expect(Object.isFrozen(cal.settings)).toBe(true);
    expect(Object.isFrozen(cal.settings.sessions)).toBe(true);
  });
});

describe('errors', () => {
  const bad = (settings: object) => () =>
    createWorkingCalendar({ ...DEFAULT_CALENDAR_SETTINGS, ...settings } as never, VN_DAYS);
  it.each<[string, () => unknown, string]>([
    ['negative days', () => cal.dueAt(at('2026-03-02T09:00'), days(-1)), 'negative_duration'],
    ['negative hours', () => cal.dueDate(at('2026-03-02T09:00'), hours(-0.5)), 'negative_duration'],
    ['NaN days', () => cal.dueAt(at('2026-03-02T09:00'), days(Number.NaN)), 'invalid_duration'],
    [
      'Infinity hours',
      () => cal.dueAt(at('2026-03-02T09:00'), hours(Number.POSITIVE_INFINITY)),
      'invalid_duration',
    ],
    [
      'string days',
      () => cal.dueAt(at('2026-03-02T09:00'), { kind: 'workingDays', days: '3' as never }),
      'invalid_duration',
    ],
    ['unknown kind', () => cal.dueAt(at('2026-03-02T09:00'), { kind: 'weeks' } as never), 'invalid_duration'],
    ['negative minutes', () => cal.addWorkingMinutes(at('2026-03-02T09:00'), -1), 'negative_duration'],
    ['NaN minutes', () => cal.addWorkingMinutes(at('2026-03-02T09:00'), Number.NaN), 'invalid_duration'],
    ['invalid Date', () => cal.dueAt(new Date(Number.NaN), days(1)), 'invalid_instant'],
    [
      'invalid Date (elapsed)',
      () => cal.elapsedWorkingMinutes(new Date(Number.NaN), new Date()),
      'invalid_instant',
    ],
    ['not a Date', () => cal.effectiveStart('2026-03-02' as never), 'invalid_instant'],
    ['before the range', () => cal.dueAt(at('1999-12-31T09:00'), days(1)), 'out_of_range'],
    ['after the range', () => cal.dueAt(at('2100-12-31T09:00'), days(5)), 'out_of_range'],
    ['bad HH:MM', bad({ sessions: [{ start: '7:30', end: '11:30' }] }), 'invalid_time'],
    ['hour 25', bad({ sessions: [{ start: '07:30', end: '25:00' }] }), 'invalid_time'],
    [
      'overlapping sessions',
      bad({
        sessions: [
          { start: '07:30', end: '12:00' },
          { start: '11:30', end: '17:00' },
        ],
      }),
      'overlapping_sessions',
    ],
    [
      'unordered sessions',
      bad({
        sessions: [
          { start: '13:00', end: '17:00' },
          { start: '07:30', end: '11:30' },
        ],
      }),
      'overlapping_sessions',
    ],
    ['end before start', bad({ sessions: [{ start: '11:30', end: '07:30' }] }), 'invalid_sessions'],
    ['empty session', bad({ sessions: [{ start: '08:00', end: '08:00' }] }), 'invalid_sessions'],
    ['no sessions', bad({ sessions: [] }), 'invalid_sessions'],
    ['sessions not a list', bad({ sessions: 'all day' }), 'invalid_sessions'],
    ['weekdays not a list', bad({ workingWeekdays: 12345 }), 'invalid_weekday'],
    [
      'empty week',
      () => createWorkingCalendar({ ...DEFAULT_CALENDAR_SETTINGS, workingWeekdays: [] }, []),
      'empty_week',
    ],
    ['weekday 0', bad({ workingWeekdays: [0, 1] }), 'invalid_weekday'],
    ['weekday 1.5', bad({ workingWeekdays: [1.5] }), 'invalid_weekday'],
    ['duplicate weekday', bad({ workingWeekdays: [1, 1] }), 'invalid_weekday'],
    ['bad cut-off', bad({ sameDayCutoff: '3pm' }), 'invalid_time'],
    ['bad mode', bad({ mode: 'weeks' }), 'invalid_settings'],
    ['unknown zone', bad({ timeZone: 'Europe/Paris' }), 'unknown_time_zone'],
    [
      'conflicting rows',
      () =>
        createWorkingCalendar(DEFAULT_CALENDAR_SETTINGS, [
          { date: '2026-03-07', kind: 'workday', name: 'a' },
          { date: '2026-03-07', kind: 'holiday', name: 'b' },
        ]),
      'conflicting_days',
    ],
    [
      'impossible row date',
      () =>
        createWorkingCalendar(DEFAULT_CALENDAR_SETTINGS, [
          { date: '2026-02-30', kind: 'holiday', name: 'x' },
        ]),
      'invalid_date',
    ],
    [
      'bad row kind',
      () =>
        createWorkingCalendar(DEFAULT_CALENDAR_SETTINGS, [
          { date: '2026-02-03', kind: 'off' as never, name: 'x' },
        ]),
      'invalid_day_kind',
    ],
    [
      'bad year range',
      () => createWorkingCalendar(DEFAULT_CALENDAR_SETTINGS, [], { fromYear: 2030, toYear: 2020 }),
      'invalid_range',
    ],
    ['bad LocalDate', () => cal.dayInfo('02/03/2026'), 'invalid_date'],
    ['bad LocalDate (next)', () => cal.nextWorkingDay('2026-13-01'), 'invalid_date'],
  ])('%s → %s', (_label, fn, code) => {
    let caught: unknown;
    try {
      fn();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CalendarError);
    expect(caught).toBeInstanceOf(Error);
    expect((caught as CalendarError).code).toBe(code);
    expect((caught as CalendarError).status).toBe(400);
  });
});

describe('explanation', () => {
  it('lists the start, every skipped day of Tết with its name, and the due moment', () => {
    const r = cal.dueDate(at('2026-02-13T16:30'), days(2));
    expect(local(r.from)).toBe('2026-02-13T16:30');
    expect(local(r.effectiveStart)).toBe('2026-02-13T16:30');
    expect(r.workingMinutes).toBe(960);
    expect(r.explanation.map((e) => [e.date, e.kind])).toEqual([
      ['2026-02-13', 'start'],
      ['2026-02-14', 'weekend'],
      ['2026-02-15', 'weekend'],
      ['2026-02-16', 'holiday'],
      ['2026-02-17', 'holiday'],
      ['2026-02-18', 'holiday'],
      ['2026-02-19', 'holiday'],
      ['2026-02-20', 'holiday'],
      ['2026-02-21', 'weekend'],
      ['2026-02-22', 'weekend'],
      ['2026-02-24', 'due'],
    ]);
    const tet = r.explanation.find((e) => e.date === '2026-02-17')!;
    expect(tet.name).toBe('Tết Nguyên đán (mùng 1 tháng Giêng)');
    expect(tet.text).toBe('17/02/2026 (Thứ Ba): nghỉ lễ Tết Nguyên đán (mùng 1 tháng Giêng) — không tính');
    expect(tet.textEn).toBe(
      '17/02/2026 (Tuesday): public holiday (Tết Nguyên đán (mùng 1 tháng Giêng)) — not counted',
    );
    expect(r.explanation.at(-1)!.text).toBe(
      'Hạn giải quyết: 16:30 ngày 24/02/2026 (Thứ Ba) — đã tính 2 ngày làm việc (16 giờ).',
    );
  });

  it('names Quốc khánh and the swapped day, and counts nothing on them', () => {
    const r = cal.dueDate(at('2026-08-28T09:00'), days(1));
    const texts = r.explanation.map((e) => e.text);
    expect(texts).toContain('02/09/2026 (Thứ Tư): nghỉ lễ Quốc khánh (2/9) — không tính');
    expect(texts).toContain('31/08/2026 (Thứ Hai): nghỉ hoán đổi (làm bù ngày 22/08/2026) — không tính');
  });

  it('shows a make-up Saturday that counted', () => {
    const r = cal.dueDate(at('2025-04-25T09:00'), days(2));
    const workday = r.explanation.find((e) => e.kind === 'workday')!;
    expect(workday.date).toBe('2025-04-26');
    expect(workday.text).toContain('ngày làm bù');
    expect(workday.text).toContain('có tính');
    expect(workday.textEn).toContain('counted');
    expect(r.explanation.find((e) => e.date === '2025-04-27')?.kind).toBe('weekend');
  });

  it.each<[string, string, Duration, string]>([
    ['lunch', '2026-03-02T12:00', hours(4), 'lunch'],
    ['before opening', '2026-03-02T06:00', hours(4), 'after_hours'],
    ['after closing', '2026-03-02T18:00', hours(4), 'after_hours'],
    ['same day before cut-off', '2026-03-02T10:00', sameDay, 'cutoff'],
    ['same day after cut-off', '2026-03-02T15:10', sameDay, 'cutoff'],
  ])('explains a start moved or a cut-off: %s', (_label, from, duration, kind) => {
    const r = cal.dueDate(at(from), duration);
    expect(r.explanation[0]!.kind).toBe('start');
    expect(r.explanation.some((e) => e.kind === kind)).toBe(true);
    expect(r.explanation.at(-1)!.kind).toBe('due');
    for (const e of r.explanation) {
      expect(e.text.length).toBeGreaterThan(10);
      expect(e.textEn.length).toBeGreaterThan(10);
    }
  });

  it('a weekend reception lists the weekend and starts on Monday', () => {
    const r = cal.dueDate(at('2026-03-07T10:00'), days(2));
    expect(local(r.effectiveStart)).toBe('2026-03-09T07:30');
    expect(r.workingMinutes).toBe(960);
    expect(r.explanation.map((e) => e.kind)).toEqual(['start', 'weekend', 'weekend', 'due']);
    expect(r.explanation[0]!.text).toContain('bắt đầu tính từ 07:30 ngày 09/03/2026 (Thứ Hai)');
  });
});
