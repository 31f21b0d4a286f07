import { getLunarDate } from '@dqcai/vn-lunar';
import { describe, expect, it } from 'vitest';
import {
  createWorkingCalendar,
  DEFAULT_CALENDAR_SETTINGS,
  hungKingsDay,
  labourCodeHolidays,
  lunarNewYear,
  SEEDED_HOLIDAY_YEARS,
  vietnamPublicHolidays,
} from './index.ts';
import { vnCalendar } from './test-helpers.ts';
import { dayNumberOfLocalDate, isoWeekdayOf } from './time.ts';

const lunarOf = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return getLunarDate(d, m, y);
};

describe('lunar dates', () => {
  it.each<[number, string, string]>([
    [2025, '2025-01-29', '2025-04-07'],
    [2026, '2026-02-17', '2026-04-26'],
    [2027, '2027-02-06', '2027-04-16'],
    [2028, '2028-01-26', '2028-04-04'],
  ])('%d: Tết %s, Giỗ Tổ Hùng Vương %s', (year, tet, hung) => {
    expect(lunarNewYear(year)).toBe(tet);
    expect(hungKingsDay(year)).toBe(hung);
    expect(lunarOf(tet)).toMatchObject({ day: 1, month: 1, year, leap: false });
    expect(lunarOf(hung)).toMatchObject({ day: 10, month: 3, year, leap: false });
  });

  it.each(SEEDED_HOLIDAY_YEARS)('%d: the Labour Code days are holidays', (year) => {
    const rows = vietnamPublicHolidays(year);
    const holidays = new Set(rows.filter((r) => r.kind === 'holiday').map((r) => r.date));
    for (const date of [
      `${year}-01-01`,
      lunarNewYear(year),
      hungKingsDay(year),
      `${year}-04-30`,
      `${year}-05-01`,
      `${year}-09-02`,
    ]) {
      expect(holidays.has(date), date).toBe(true);
    }
    // The Tết days carry their lunar day in the name.
    for (const row of rows.filter((r) => r.name.startsWith('Tết Nguyên đán'))) {
      const lunar = lunarOf(row.date);
      expect(row.name).toContain(
        lunar.month === 12 ? `${lunar.day} tháng Chạp` : `mùng ${lunar.day} tháng Giêng`,
      );
    }
  });
});

describe('announced schedules', () => {
  const off = (dates: string[]) => dates.map((d) => [d, false] as const);
  const on = (dates: string[]) => dates.map((d) => [d, true] as const);
  it.each<readonly [string, boolean]>([
    // 2025 Tết: Sat 25/01 – Sun 02/02 (Thông báo 6150/TB-BLĐTBXH).
    ...on(['2025-01-24', '2025-02-03']),
    ...off(['2025-01-25', '2025-01-27', '2025-01-29', '2025-01-31', '2025-02-02']),
    // 2025 30/4–1/5: Wed 30/04 – Sun 04/05, make-up Sat 26/04.
    ...on(['2025-04-26', '2025-04-29', '2025-05-05']),
    ...off(['2025-04-30', '2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04']),
    // 2025 Quốc khánh: Sat 30/08 – Tue 02/09.
    ...off(['2025-08-30', '2025-09-01', '2025-09-02']),
    ...on(['2025-09-03']),
    // 2026 Tết Dương lịch: Thu 01/01 – Sun 04/01, make-up Sat 10/01 (12729/VPCP-KGVX).
    ...off(['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04']),
    ...on(['2026-01-05', '2026-01-10']),
    // 2026 Tết: Sat 14/02 – Sun 22/02 (Thông báo 9441/TB-BNV).
    ...on(['2026-02-13', '2026-02-23']),
    ...off([
      '2026-02-14',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-22',
    ]),
    // 2026 Giỗ Tổ on Sunday 26/04 → Monday 27/04 off.
    ...off(['2026-04-26', '2026-04-27', '2026-04-30', '2026-05-01']),
    ...on(['2026-04-28', '2026-05-04']),
    // 2026 Quốc khánh: Sat 29/08 – Wed 02/09, make-up Sat 22/08.
    ...on(['2026-08-22', '2026-08-28', '2026-09-03']),
    ...off(['2026-08-29', '2026-08-31', '2026-09-01', '2026-09-02']),
    // 2027 provisional: Tết Fri 05/02 – Thu 11/02, 30/4 Fri, 1/5 Sat → Mon 03/05, 2/9 Thu + 3/9 Fri.
    ...off(['2027-01-01', '2027-02-05', '2027-02-08', '2027-02-10', '2027-02-11', '2027-04-16']),
    ...off(['2027-04-30', '2027-05-03', '2027-09-02', '2027-09-03']),
    ...on(['2027-02-04', '2027-02-12', '2027-05-04', '2027-09-01']),
  ])('%s working: %s', (date, working) => {
    expect(vnCalendar.isWorkingDay(date)).toBe(working);
  });

  it('marks only unannounced years provisional', () => {
    expect(vietnamPublicHolidays(2025).some((r) => r.provisional)).toBe(false);
    expect(vietnamPublicHolidays(2026).some((r) => r.provisional)).toBe(false);
    expect(vietnamPublicHolidays(2027).every((r) => r.provisional)).toBe(true);
    expect(SEEDED_HOLIDAY_YEARS).toEqual([2025, 2026, 2027]);
  });

  it('make-up days are rows of kind workday on Saturdays', () => {
    const workdays = [2025, 2026, 2027].flatMap(vietnamPublicHolidays).filter((r) => r.kind === 'workday');
    expect(workdays.map((r) => r.date)).toEqual(['2025-04-26', '2026-01-10', '2026-08-22']);
    for (const r of workdays) expect(isoWeekdayOf(dayNumberOfLocalDate(r.date))).toBe(6);
  });

  it('rows are sorted, unique, and accepted by the calendar', () => {
    for (const year of [2025, 2026, 2027, 2028]) {
      const rows = vietnamPublicHolidays(year);
      const dates = rows.map((r) => r.date);
      expect([...dates].sort()).toEqual(dates);
      expect(new Set(dates).size).toBe(dates.length);
      expect(rows.every((r) => r.date.startsWith(`${year}-`) && r.name.length > 0)).toBe(true);
      expect(() => createWorkingCalendar(DEFAULT_CALENDAR_SETTINGS, rows)).not.toThrow();
    }
    expect(vietnamPublicHolidays(2026.5)).toEqual([]);
  });
});

describe('provisional (Labour Code) years', () => {
  it('2027: 11 legal days, weekend ones replaced by the next free weekdays', () => {
    expect(labourCodeHolidays(2027).map((r) => r.date)).toEqual([
      '2027-01-01',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
      '2027-04-16',
      '2027-04-30',
      '2027-05-01',
      '2027-05-03',
      '2027-09-02',
      '2027-09-03',
    ]);
    const sub = labourCodeHolidays(2027).find((r) => r.date === '2027-05-03')!;
    expect(sub.name).toBe('Nghỉ bù Ngày Quốc tế Lao động (1/5) — 01/05/2027 trùng Thứ Bảy');
  });

  it.each([2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032])(
    '%d: exactly 11 weekdays off and every row provisional',
    (year) => {
      const rows = labourCodeHolidays(year);
      const weekdays = rows.filter((r) => isoWeekdayOf(dayNumberOfLocalDate(r.date)) <= 5);
      expect(weekdays).toHaveLength(11);
      expect(rows.every((r) => r.provisional === true && r.kind === 'holiday')).toBe(true);
    },
  );

  it.each<[number, string]>([
    [2021, '2021-09-03'], // Thu → 3/9 (as announced)
    [2022, '2022-09-01'], // Fri → 1/9
    [2023, '2023-09-01'], // Sat → 1/9 (+ substitute Mon 4/9)
    [2024, '2024-09-03'], // Mon → 3/9
    [2025, '2025-09-01'], // Tue → 1/9
    [2026, '2026-09-01'], // Wed → 1/9
  ])('%d: Quốc khánh adjacent day %s matches the announcements', (year, adjacent) => {
    expect(labourCodeHolidays(year).map((r) => r.date)).toContain(adjacent);
  });
});
