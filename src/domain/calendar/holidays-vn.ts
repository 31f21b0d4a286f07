/**
 * Vietnamese public holidays for civil servants (cán bộ, công chức, viên chức), as calendar rows.
 *
 * Law: Labour Code 2019 (Bộ luật Lao động 45/2019/QH14) art. 112(1): Tết Dương lịch 1 day (1/1);
 * Tết Âm lịch 5 days (placed by the Prime Minister each year); Giỗ Tổ Hùng Vương 1 day (10/3 lunar);
 * Ngày Chiến thắng 1 day (30/4); Ngày Quốc tế Lao động 1 day (1/5); Quốc khánh 2 days (2/9 and one
 * adjacent day, 1/9 or 3/9). Art. 111(3) and Decree 145/2020/NĐ-CP: a holiday falling on the weekly
 * rest day gives a substitute day off on the next working day. The government often swaps a working
 * day for a Saturday (ngày làm bù) to make a longer break.
 *
 * So the calendar is data. Years with a known announcement are written out below with their
 * sources; any other year is generated from the rules above and every row is marked provisional so
 * an administrator confirms it when the announcement comes out. Provisional placement:
 *  - Tết: the last day of the lunar year and the 1st–4th days of the new year ("1 day before, 4 after",
 *    as for 2026); those on Saturday/Sunday give substitute days on the next free weekdays;
 *  - Quốc khánh's adjacent day: the one that joins a weekend, as announced in 2021–2026
 *    (2/9 on Mon → 3/9, Tue → 1/9, Wed → 1/9, Thu → 3/9, Fri → 1/9, Sat → 1/9, Sun → 3/9);
 *  - substitutes assume the Monday–Friday week of state agencies.
 *
 * Not included: "Ngày Văn hóa Việt Nam" (24/11). Politburo Resolution 80-NQ/TW (January 2026) chose it
 * as a paid day off and Government Resolution 30/NQ-CP (February 2026) asked to amend art. 112, but
 * as of this writing the Labour Code is not amended: add the row when it is.
 */
import { getLunarDate, getSolarDate } from '@dqcai/vn-lunar';
import {
  civilOfDayNumber,
  dayNumberOf,
  dayNumberOfLocalDate,
  formatDmy,
  isoWeekdayOf,
  localDateOfDayNumber,
} from './time.ts';
import type { CalendarDay, LocalDate } from './types.ts';

/** Years seeded with rows: 2025 and 2026 from announcements, 2027 provisional (generated). */
export const SEEDED_HOLIDAY_YEARS: readonly number[] = Object.freeze([2025, 2026, 2027]);

/** Years whose civil-servant schedule was announced by the government (rows not provisional). */
export const ANNOUNCED_HOLIDAY_YEARS: readonly number[] = Object.freeze([2025, 2026]);

export const HOLIDAY_NAMES = Object.freeze({
  newYear: 'Tết Dương lịch',
  tet: 'Tết Nguyên đán',
  hungKings: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
  victory: 'Ngày Chiến thắng (30/4)',
  labour: 'Ngày Quốc tế Lao động (1/5)',
  national: 'Quốc khánh (2/9)',
  nationalAdjacent: 'Quốc khánh (ngày nghỉ liền kề)',
});

function dnOfSolar(s: { day: number; month: number; year: number }): number {
  return dayNumberOf(s.year, s.month, s.day);
}

/** Solar date of the 1st day of the 1st month of lunar year `year` (Tết Nguyên đán). */
export function lunarNewYear(year: number): LocalDate {
  return localDateOfDayNumber(dnOfSolar(getSolarDate(1, 1, year)));
}

/** Solar date of the 10th day of the (non-leap) 3rd lunar month of `year` (Giỗ Tổ Hùng Vương). */
export function hungKingsDay(year: number): LocalDate {
  return localDateOfDayNumber(dnOfSolar(getSolarDate(10, 3, year, false)));
}

/** "Tết Nguyên đán (29 tháng Chạp)", "Tết Nguyên đán (mùng 1 tháng Giêng)". */
function tetName(dn: number): string {
  const c = civilOfDayNumber(dn);
  const lunar = getLunarDate(c.day, c.month, c.year);
  if (lunar.month === 12) return `${HOLIDAY_NAMES.tet} (${lunar.day} tháng Chạp)`;
  if (lunar.month === 1) return `${HOLIDAY_NAMES.tet} (mùng ${lunar.day} tháng Giêng)`;
  return HOLIDAY_NAMES.tet;
}

const holiday = (date: LocalDate, name: string): CalendarDay => ({ date, kind: 'holiday', name });
const workday = (date: LocalDate, name: string): CalendarDay => ({ date, kind: 'workday', name });
const tetDays = (first: LocalDate, count: number): CalendarDay[] => {
  const start = dayNumberOfLocalDate(first);
  return Array.from({ length: count }, (_, i) =>
    holiday(localDateOfDayNumber(start + i), tetName(start + i)),
  );
};
const swapOff = (date: LocalDate, makeUp: LocalDate) =>
  holiday(date, `Nghỉ hoán đổi (làm bù ngày ${formatDmy(dayNumberOfLocalDate(makeUp))})`);
const swapOn = (date: LocalDate, off: LocalDate) =>
  workday(date, `Làm bù cho ngày ${formatDmy(dayNumberOfLocalDate(off))}`);

/** Announced schedules, by year. */
const ANNOUNCED: Readonly<Record<number, () => CalendarDay[]>> = {
  /*
   * 2025 — Công văn 8726/VPCP-KGVX (26/11/2024) of the Government Office conveying the Prime
   * Minister's decision, published by Thông báo 6150/TB-BLĐTBXH (2024) of the Ministry of Labour:
   * Tết Ất Tỵ 5 days Mon 27/01 – Fri 31/01/2025 (28 tháng Chạp – mùng 3), break Sat 25/01 – Sun 02/02;
   * 30/4–1/5: Fri 02/05 swapped with Sat 26/04 (break Wed 30/04 – Sun 04/05, make-up Sat 26/04);
   * Quốc khánh Mon 01/09 + Tue 02/09 (break Sat 30/08 – Tue 02/09).
   * 1/1 (Wed) and Giỗ Tổ 10/3 âm lịch = Mon 07/04/2025 are fixed by the Labour Code.
   */
  2025: () => [
    holiday('2025-01-01', HOLIDAY_NAMES.newYear),
    ...tetDays('2025-01-27', 5),
    holiday('2025-04-07', HOLIDAY_NAMES.hungKings),
    swapOn('2025-04-26', '2025-05-02'),
    holiday('2025-04-30', HOLIDAY_NAMES.victory),
    holiday('2025-05-01', HOLIDAY_NAMES.labour),
    swapOff('2025-05-02', '2025-04-26'),
    holiday('2025-09-01', HOLIDAY_NAMES.nationalAdjacent),
    holiday('2025-09-02', HOLIDAY_NAMES.national),
  ],
  /*
   * 2026 — Tết Dương lịch: Công văn 12729/VPCP-KGVX (25/12/2025), Deputy Prime Minister agreeing with
   * the Ministry of Home Affairs: Thu 01/01 + Fri 02/01 off (break Thu 01/01 – Sun 04/01), make-up
   * Sat 10/01/2026.
   * Tết Bính Ngọ and Quốc khánh: Thông báo 9441/TB-BNV (16/10/2025) of the Ministry of Home Affairs:
   * Tết 5 days Mon 16/02 – Fri 20/02/2026 (29 tháng Chạp – mùng 4), break Sat 14/02 – Sun 22/02;
   * Quốc khánh Tue 01/09 + Wed 02/09, Mon 31/08 swapped with Sat 22/08 (break Sat 29/08 – Wed 02/09).
   * Giỗ Tổ 10/3 âm lịch = Sun 26/04/2026 → substitute day Mon 27/04 (Labour Code). 30/4 (Thu) and
   * 1/5 (Fri): Labour Code days, no swap announced.
   */
  2026: () => [
    holiday('2026-01-01', HOLIDAY_NAMES.newYear),
    swapOff('2026-01-02', '2026-01-10'),
    swapOn('2026-01-10', '2026-01-02'),
    ...tetDays('2026-02-16', 5),
    holiday('2026-04-26', HOLIDAY_NAMES.hungKings),
    holiday('2026-04-27', `Nghỉ bù ${HOLIDAY_NAMES.hungKings} — 26/04/2026 trùng Chủ Nhật`),
    holiday('2026-04-30', HOLIDAY_NAMES.victory),
    holiday('2026-05-01', HOLIDAY_NAMES.labour),
    swapOn('2026-08-22', '2026-08-31'),
    swapOff('2026-08-31', '2026-08-22'),
    holiday('2026-09-01', HOLIDAY_NAMES.nationalAdjacent),
    holiday('2026-09-02', HOLIDAY_NAMES.national),
  ],
};

/** Quốc khánh's adjacent day offset (-1 → 1/9, +1 → 3/9) by ISO weekday of 2/9. */
const NATIONAL_DAY_ADJACENT: readonly number[] = [0, +1, -1, -1, +1, -1, -1, +1];

/** The Labour Code days of `year` with substitute days, every row provisional. */
export function labourCodeHolidays(year: number): CalendarDay[] {
  const base: { dn: number; name: string }[] = [];
  base.push({ dn: dayNumberOf(year, 1, 1), name: HOLIDAY_NAMES.newYear });
  const tet = dayNumberOfLocalDate(lunarNewYear(year));
  for (let off = -1; off <= 3; off++) base.push({ dn: tet + off, name: tetName(tet + off) });
  base.push({ dn: dayNumberOfLocalDate(hungKingsDay(year)), name: HOLIDAY_NAMES.hungKings });
  base.push({ dn: dayNumberOf(year, 4, 30), name: HOLIDAY_NAMES.victory });
  base.push({ dn: dayNumberOf(year, 5, 1), name: HOLIDAY_NAMES.labour });
  const sep2 = dayNumberOf(year, 9, 2);
  base.push({ dn: sep2, name: HOLIDAY_NAMES.national });
  base.push({ dn: sep2 + NATIONAL_DAY_ADJACENT[isoWeekdayOf(sep2)]!, name: HOLIDAY_NAMES.nationalAdjacent });
  base.sort((a, b) => a.dn - b.dn);

  // A legal day off that falls on a weekend, or on another holiday, gives a substitute day off.
  const taken = new Set(base.map((h) => h.dn));
  const emitted = new Map<number, string>();
  const rows: { dn: number; name: string }[] = [];
  const substitutes: { dn: number; name: string }[] = [];
  for (const h of base) {
    const weekday = isoWeekdayOf(h.dn);
    const clash = emitted.get(h.dn);
    if (clash === undefined) {
      emitted.set(h.dn, h.name);
      rows.push(h);
    }
    if (weekday < 6 && clash === undefined) continue;
    let sub = h.dn + 1;
    while (isoWeekdayOf(sub) >= 6 || taken.has(sub)) sub++;
    taken.add(sub);
    const why = clash !== undefined ? `trùng ${clash}` : `trùng ${weekday === 6 ? 'Thứ Bảy' : 'Chủ Nhật'}`;
    substitutes.push({ dn: sub, name: `Nghỉ bù ${h.name} — ${formatDmy(h.dn)} ${why}` });
  }
  return [...rows, ...substitutes]
    .sort((a, b) => a.dn - b.dn)
    .map((h) => ({ date: localDateOfDayNumber(h.dn), kind: 'holiday', name: h.name, provisional: true }));
}

/**
 * Holidays and make-up working days of civil servants for `year`, sorted by date: the announced
 * schedule when known (2025, 2026), else the Labour Code days marked provisional.
 */
export function vietnamPublicHolidays(year: number): CalendarDay[] {
  if (!Number.isInteger(year)) return [];
  const announced = ANNOUNCED[year];
  const rows = announced ? announced() : labourCodeHolidays(year);
  return rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
