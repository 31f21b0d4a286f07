/**
 * How much time an open dossier has left, in the working time of its receiving unit's calendar
 * (weekends, holidays, make-up days and sessions), as the dossiers contract's `timeLeft` field
 * documents it. Pure: the caller passes the calendar and the moment of the request.
 */
import type { TimeLeft } from '../../contracts/dossiers.ts';
import { localDateOf, type WorkingCalendar } from '../../domain/calendar/index.ts';

const OPEN_STATUSES: ReadonlySet<string> = new Set(['in_progress', 'paused']);
/** More working days than any procedure takes: the count stops there (ten years of days). */
const MAX_DAYS = 3660;

export function timeLeftOf(
  dossier: { status: string; paused: boolean; dueAt: Date },
  calendar: WorkingCalendar,
  now: Date,
): TimeLeft {
  const none = { workingMinutes: 0, workingDays: 0, lateMinutes: 0 };
  if (!OPEN_STATUSES.has(dossier.status)) return { state: 'closed', ...none };
  if (dossier.paused || dossier.status === 'paused') return { state: 'paused', ...none };
  const diff = dossier.dueAt.getTime() - now.getTime();
  if (diff < 0) return { state: 'overdue', ...none, lateMinutes: Math.floor(-diff / 60_000) };
  const zone = calendar.settings.timeZone;
  const today = localDateOf(now, zone);
  const dueDay = localDateOf(dossier.dueAt, zone);
  let workingDays = 0;
  if (dueDay > today) {
    // Working days strictly after today up to and including the due day.
    let day = calendar.nextWorkingDay(today);
    for (let i = 0; day <= dueDay && i < MAX_DAYS; i++) {
      workingDays++;
      day = calendar.nextWorkingDay(day);
    }
    workingDays = Math.max(1, workingDays);
  }
  return {
    state: 'running',
    workingMinutes: calendar.elapsedWorkingMinutes(now, dossier.dueAt),
    workingDays,
    lateMinutes: 0,
  };
}
