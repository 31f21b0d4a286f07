/** Shared fixtures for the calendar tests (not part of the public API). */
import { vietnamPublicHolidays } from './holidays-vn.ts';
import { parseInstant, toLocalIso } from './time.ts';
import { type CalendarSettings, DEFAULT_CALENDAR_SETTINGS, type Duration } from './types.ts';
import { createWorkingCalendar } from './working-calendar.ts';

export const TZ = 'Asia/Ho_Chi_Minh';

export const VN_DAYS = [2025, 2026, 2027].flatMap((y) => vietnamPublicHolidays(y));

/** Default settings with the Vietnamese holidays 2025–2027. */
export const vnCalendar = createWorkingCalendar(DEFAULT_CALENDAR_SETTINGS, VN_DAYS);

export function calendarWith(settings: Partial<CalendarSettings>) {
  return createWorkingCalendar({ ...DEFAULT_CALENDAR_SETTINGS, ...settings }, VN_DAYS);
}

/** Local time in Vietnam (or any ISO text with an offset) → Date. */
export function at(text: string): Date {
  const d = parseInstant(text, TZ);
  if (!d) throw new Error(`bad test instant ${text}`);
  return d;
}

/** Date → '2026-03-05T09:00' (local, seconds only when not zero). */
export function local(d: Date): string {
  const iso = toLocalIso(d, TZ);
  const base = iso.slice(0, 16);
  const seconds = iso.slice(16, iso.length - 6);
  return seconds === ':00' ? base : `${base}${seconds}`;
}

export const days = (n: number): Duration => ({ kind: 'workingDays', days: n });
export const hours = (n: number): Duration => ({ kind: 'workingHours', hours: n });
export const sameDay: Duration = { kind: 'sameDay' };

/** Deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
