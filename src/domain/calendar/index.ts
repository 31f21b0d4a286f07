/** Working-time calendar engine: public API. Pure (no I/O, no wall clock). */

export {
  ANNOUNCED_HOLIDAY_YEARS,
  HOLIDAY_NAMES,
  hungKingsDay,
  labourCodeHolidays,
  lunarNewYear,
  SEEDED_HOLIDAY_YEARS,
  vietnamPublicHolidays,
} from './holidays-vn.ts';
export { localDateOf, parseInstant, TIME_ZONE, toLocalIso, zoneOffsetMinutes } from './time.ts';
export {
  type CalendarDay,
  CalendarError,
  type CalendarSettings,
  type DayInfo,
  type DayKind,
  DEFAULT_CALENDAR_SETTINGS,
  type DeadlineMode,
  type DueResult,
  type Duration,
  type ExplanationEntry,
  type LocalDate,
  type WorkingCalendar,
  type WorkSession,
} from './types.ts';
export { createWorkingCalendar } from './working-calendar.ts';
