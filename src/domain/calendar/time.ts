/**
 * Local-time helpers for fixed-offset time zones. Vietnam has used UTC+07:00 without daylight
 * saving since 1975, so a zone is just an offset: no Intl, no tz database, fast arithmetic.
 */
import { CalendarError, type LocalDate } from './types.ts';

/** Vietnam's zone: every local date of a dossier (codes, due dates, reports) is taken in it. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** Offsets in minutes east of UTC for the zones we accept by name. */
const ZONE_OFFSETS: Readonly<Record<string, number>> = {
  'Asia/Ho_Chi_Minh': 420,
  'Asia/Saigon': 420,
  'Asia/Bangkok': 420,
  'Asia/Phnom_Penh': 420,
  'Asia/Vientiane': 420,
  'Etc/GMT-7': 420,
  UTC: 0,
  'Etc/UTC': 0,
  GMT: 0,
  'Etc/GMT': 0,
};

const OFFSET_RE = /^([+-])(\d{2}):?(\d{2})$/;

/** Offset of a fixed-offset zone in minutes east of UTC ('Asia/Ho_Chi_Minh' → 420). Throws on unknown zones. */
export function zoneOffsetMinutes(timeZone: string): number {
  const known = ZONE_OFFSETS[timeZone];
  if (known !== undefined) return known;
  const m = OFFSET_RE.exec(timeZone);
  if (m) {
    const minutes = Number(m[2]) * 60 + Number(m[3]);
    if (Number(m[3]) < 60 && minutes <= 14 * 60) return m[1] === '-' ? -minutes : minutes;
  }
  throw new CalendarError(
    'unknown_time_zone',
    `Múi giờ không được hỗ trợ: ${timeZone} (chỉ hỗ trợ múi giờ có độ lệch cố định)`,
  );
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n));
const pad4 = (n: number): string => String(n).padStart(4, '0');

/** '+07:00' for 420. */
export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** Days since 1970-01-01 of a civil date (proleptic Gregorian; H. Hinnant's days_from_civil). */
export function dayNumberOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Inverse of dayNumberOf (civil_from_days). */
export function civilOfDayNumber(dayNumber: number): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number; 1970-01-01 was a Thursday. */
export function isoWeekdayOf(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

export function localDateOfDayNumber(dayNumber: number): LocalDate {
  const { year, month, day } = civilOfDayNumber(dayNumber);
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeapYear = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_DAYS[month - 1] ?? 0);
}

/** Day number of a 'YYYY-MM-DD' string, or null when it is not a real date. */
export function tryDayNumberOfLocalDate(date: string): number | null {
  const m = LOCAL_DATE_RE.exec(date);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return dayNumberOf(year, month, day);
}

export function dayNumberOfLocalDate(date: string): number {
  const n = tryDayNumberOfLocalDate(date);
  if (n === null) throw new CalendarError('invalid_date', `Ngày không hợp lệ: ${date} (cần dạng YYYY-MM-DD)`);
  return n;
}

/** 'DD/MM/YYYY' for display. */
export function formatDmy(dayNumber: number): string {
  const { year, month, day } = civilOfDayNumber(dayNumber);
  return `${pad2(day)}/${pad2(month)}/${pad4(year)}`;
}

/** 'HH:MM' of a time of day in milliseconds (seconds shown only when not zero). */
export function formatHm(todMs: number): string {
  const totalSeconds = Math.floor(todMs / 1000);
  const h = Math.floor(totalSeconds / 3600);
  const min = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  return s === 0 ? `${pad2(h)}:${pad2(min)}` : `${pad2(h)}:${pad2(min)}:${pad2(s)}`;
}

const HHMM_RE = /^(\d{2}):(\d{2})$/;

/** Minutes since midnight of 'HH:MM' (00:00–23:59, or 24:00 when allow24), or null. */
export function parseHhMm(text: string, allow24 = false): number | null {
  if (typeof text !== 'string') return null;
  const m = HHMM_RE.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59) return null;
  if (h === 24 && min === 0 && allow24) return 1440;
  if (h > 23) return null;
  return h * 60 + min;
}

function assertValidInstant(instant: Date): number {
  const t = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(t)) throw new CalendarError('invalid_instant', 'Thời điểm không hợp lệ');
  return t;
}

/** '2026-03-05T09:00:00+07:00' (milliseconds shown only when not zero). */
export function toLocalIso(instant: Date, timeZone: string): string {
  const offset = zoneOffsetMinutes(timeZone);
  const local = assertValidInstant(instant) + offset * MINUTE_MS;
  const dayNumber = Math.floor(local / DAY_MS);
  const tod = local - dayNumber * DAY_MS;
  const ms = tod % 1000;
  const totalSeconds = (tod - ms) / 1000;
  const time = `${pad2(Math.floor(totalSeconds / 3600))}:${pad2(Math.floor((totalSeconds % 3600) / 60))}:${pad2(totalSeconds % 60)}`;
  return `${localDateOfDayNumber(dayNumber)}T${time}${ms === 0 ? '' : `.${pad3(ms)}`}${formatOffset(offset)}`;
}

/** The civil date of an instant in the zone. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const local = assertValidInstant(instant) + zoneOffsetMinutes(timeZone) * MINUTE_MS;
  return localDateOfDayNumber(Math.floor(local / DAY_MS));
}

const INSTANT_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * ISO 8601 / RFC 3339 text → instant. With 'Z' or an offset it is absolute; without one it is a
 * local time in `timeZone`; a date alone is 00:00 local. Returns null when unparsable or not a
 * real date/time. Throws only for an unknown time zone.
 */
export function parseInstant(text: string, timeZone: string): Date | null {
  const zoneOffset = zoneOffsetMinutes(timeZone);
  if (typeof text !== 'string') return null;
  const m = INSTANT_RE.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000 + 1e-6);
  if (hour > 23 || minute > 59 || second > 59) return null;
  if (m[8] !== undefined && m[4] === undefined) return null; // an offset needs a time
  let offset = zoneOffset;
  const zone = m[8];
  if (zone !== undefined) {
    if (zone === 'Z' || zone === 'z') offset = 0;
    else {
      const oh = Number(zone.slice(1, 3));
      const om = zone.length > 3 ? Number(zone.slice(-2)) : 0;
      if (oh > 14 || om > 59) return null;
      offset = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
    }
  }
  const local = dayNumberOf(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  return new Date(local - offset * MINUTE_MS);
}
