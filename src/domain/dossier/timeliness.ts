/**
 * Timeliness (domain.md, "Counting time"): early = finished on a working day before the due date's
 * day; on time = on the due date's day, not after the due time; late = after the due time. Paused
 * time does not count (the due date in force already carries the pauses).
 */
import { localDateOf, type WorkingCalendar } from '../calendar/index.ts';
import type { DossierState } from './types.ts';
import type { ProgressTimeliness, Timeliness } from './types.ts';

/**
 * Timeliness of something finished at `resolvedAt` against `dueAt`. A finish on a non-working day
 * counts as on the next working day (resolved on Saturday for a Monday due date is on time, for a
 * Wednesday one early): "early" needs a whole working day to spare.
 */
export function resolvedTimeliness(resolvedAt: Date, dueAt: Date, calendar: WorkingCalendar): Timeliness {
  if (resolvedAt.getTime() > dueAt.getTime()) return 'late';
  const zone = calendar.settings.timeZone;
  const dueDay = localDateOf(dueAt, zone);
  let day = localDateOf(resolvedAt, zone);
  if (!calendar.isWorkingDay(day)) day = calendar.nextWorkingDay(day);
  return day < dueDay ? 'early' : 'on_time';
}

/** Working minutes in one standard working day (the sum of the sessions; 480 by default). */
export function workingDayMinutes(calendar: WorkingCalendar): number {
  const minutes = (hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number);
    return (h ?? 0) * 60 + (m ?? 0);
  };
  return calendar.settings.sessions.reduce((sum, s) => sum + minutes(s.end) - minutes(s.start), 0);
}

/**
 * Where an unresolved dossier stands at `now`: paused (awaiting the applicant), overdue (after the
 * legal due time, whatever the extension), due soon (one working day or less left), or not due.
 */
export function progressTimeliness(
  state: DossierState,
  calendar: WorkingCalendar,
  now: Date,
): ProgressTimeliness {
  if (state.paused) return 'paused';
  if (now.getTime() > state.dueAt.getTime()) return 'overdue';
  const left = calendar.elapsedWorkingMinutes(now, state.dueAt);
  return left <= workingDayMinutes(calendar) ? 'due_soon' : 'not_due';
}

export type DossierTimeliness =
  | { kind: 'resolved'; value: Timeliness }
  | { kind: 'in_progress'; value: ProgressTimeliness }
  | { kind: 'closed' };

/** Resolved (fixed at resolution), in progress (moves with `now`), or closed without a result. */
export function dossierTimeliness(
  state: DossierState,
  calendar: WorkingCalendar,
  now: Date,
): DossierTimeliness {
  if (state.resolvedAt)
    return { kind: 'resolved', value: resolvedTimeliness(state.resolvedAt, state.dueAt, calendar) };
  if (state.closedAt || state.status === 'returned') return { kind: 'closed' };
  return { kind: 'in_progress', value: progressTimeliness(state, calendar, now) };
}
