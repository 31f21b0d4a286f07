/**
 * Weekly staff evaluation as communes practise it: each Friday the officer reports the week's
 * tasks, the system adds what it measured, the leader in charge grades A / B / C / D. Pure.
 */
import { dayNumberOfLocalDate } from '../calendar/time.ts';

export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];

/** What each grade means (Decree 90/2020/NĐ-CP's four levels, as communes name them weekly). */
export const GRADE_MEANING: Record<Grade, string> = {
  A: 'Hoàn thành xuất sắc nhiệm vụ',
  B: 'Hoàn thành tốt nhiệm vụ',
  C: 'Hoàn thành nhiệm vụ',
  D: 'Không hoàn thành nhiệm vụ',
};

const DAY_MS = 86_400_000;
const iso = (dayNumber: number) => new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);

/** The Monday of the week of a local date (YYYY-MM-DD). */
export function weekStartOf(day: string): string {
  const n = dayNumberOfLocalDate(day);
  const weekday = (n + 4) % 7; // 0 = Sunday (1970-01-01 was a Thursday)
  return iso(n - ((weekday + 6) % 7));
}

export function isWeekStart(day: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && weekStartOf(day) === day;
}

/** The last day (Sunday) of the week starting `monday`. */
export function weekEndOf(monday: string): string {
  return iso(dayNumberOfLocalDate(monday) + 6);
}

/** What the system measured of an officer's week. */
export interface WeekFacts {
  received: number;
  stepsDone: number;
  stepsOnTime: number;
  stepsLate: number;
  resolved: number;
  returned: number;
  /** Dossiers assigned to the officer and overdue when measured. */
  overdueInHand: number;
  ratings: number;
  satisfied: number;
  /** Reports on the officer's attitude received by the hotline in the week. */
  complaints: number;
}

/** The grades of a period, per officer: how many weeks at each grade, and those not graded. */
export function gradeCounts(grades: ReadonlyArray<Grade | null>): Record<Grade | 'ungraded', number> {
  const out = { A: 0, B: 0, C: 0, D: 0, ungraded: 0 };
  for (const g of grades) out[g ?? 'ungraded']++;
  return out;
}

/** The quarter (1–4) of a local date. */
export function quarterOf(day: string): number {
  return Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1;
}
