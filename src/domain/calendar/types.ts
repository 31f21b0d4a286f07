/**
 * Public types of the working-time calendar engine (pure: no I/O, no wall clock, no DB).
 * See docs/domain.md, "Counting time".
 */
import { AppError } from '../errors.ts';

/** A civil date in the calendar's time zone, 'YYYY-MM-DD'. */
export type LocalDate = string;

/** 'holiday' = day off; 'workday' = make-up working day (ngày làm bù), e.g. a Saturday declared working. */
export type DayKind = 'holiday' | 'workday';

export interface CalendarDay {
  date: LocalDate;
  kind: DayKind;
  name: string;
  /** Generated from the Labour Code rules, not (yet) from a government announcement. */
  provisional?: boolean;
}

/** A working session, 'HH:MM' local time, start < end. */
export interface WorkSession {
  start: string;
  end: string;
}

export type DeadlineMode = 'workingHours' | 'calendarDays';

export interface CalendarSettings {
  /** Fixed-offset zone: 'Asia/Ho_Chi_Minh' (+07:00, no DST), 'UTC', … or '+07:00'. */
  timeZone: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  workingWeekdays: number[];
  sessions: WorkSession[];
  /** 'HH:MM': a "same day" dossier received at or after this time is due the next working day. */
  sameDayCutoff: string;
  mode: DeadlineMode;
}

export const DEFAULT_CALENDAR_SETTINGS: CalendarSettings = Object.freeze({
  timeZone: 'Asia/Ho_Chi_Minh',
  workingWeekdays: Object.freeze([1, 2, 3, 4, 5]) as unknown as number[],
  sessions: Object.freeze([
    Object.freeze({ start: '07:30', end: '11:30' }),
    Object.freeze({ start: '13:00', end: '17:00' }),
  ]) as unknown as WorkSession[],
  sameDayCutoff: '15:00',
  mode: 'workingHours',
}) as CalendarSettings;

export type Duration =
  /** N × the standard day (sum of the session lengths, 8 h by default); fractions allowed (0.5 = 4 h). */
  | { kind: 'workingDays'; days: number }
  | { kind: 'workingHours'; hours: number }
  /** Received before the cut-off on a working day → end of that day; otherwise end of the next working day. */
  | { kind: 'sameDay' };

export interface ExplanationEntry {
  date: LocalDate;
  kind: 'start' | 'weekend' | 'holiday' | 'workday' | 'after_hours' | 'lunch' | 'cutoff' | 'due';
  /** Holiday or make-up day name when relevant. */
  name?: string;
  /** Vietnamese sentence. */
  text: string;
  /** English sentence. */
  textEn: string;
}

export interface DueResult {
  from: Date;
  effectiveStart: Date;
  dueAt: Date;
  /** Working minutes (inside sessions of working days) from effectiveStart to dueAt. */
  workingMinutes: number;
  explanation: ExplanationEntry[];
}

export interface DayInfo {
  working: boolean;
  reason: 'weekday' | 'weekend' | 'holiday' | 'workday';
  name?: string;
}

export interface WorkingCalendar {
  readonly settings: CalendarSettings;
  dayInfo(date: LocalDate): DayInfo;
  isWorkingDay(date: LocalDate): boolean;
  /** The instant itself when inside a session, else the start of the next session of a working day. */
  effectiveStart(at: Date): Date;
  /** Due moment with the explanation (slow path: builds the explanation list). */
  dueDate(from: Date, duration: Duration): DueResult;
  /** Due moment only (hot path, O(1), same result as dueDate(from, duration).dueAt). */
  dueAt(from: Date, duration: Duration): Date;
  /** Counts from the effective start; never ends at a session start (ending at 17:00 stays 17:00). */
  addWorkingMinutes(from: Date, minutes: number): Date;
  /** Working minutes inside sessions of working days between two instants (0 if to <= from). */
  elapsedWorkingMinutes(from: Date, to: Date): number;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: LocalDate): LocalDate;
}

/**
 * Raised for invalid settings, durations, dates or instants outside the covered range.
 * Extends the domain AppError (HTTP 400) so the HTTP layer renders it with its stable `code`.
 */
export class CalendarError extends AppError {
  constructor(code: string, message: string) {
    super(400, code, message);
    this.name = 'CalendarError';
  }
}
