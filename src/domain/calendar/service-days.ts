/**
 * A unit's service days (issue 7 §6): "no-appointment days" (ngày không hẹn), on which the
 * procedures whose time limit is the same day are resolved while the citizen waits, and
 * "no-writing days" (ngày không viết), on which the officer fills the forms from the citizen's
 * profile and earlier dossiers and the citizen only signs. Communes schedule them as a weekday
 * of every week ("every Wednesday") or as single dates. Pure: no I/O, no wall clock.
 */
import type { LocalDate } from './types.ts';
import { dayNumberOfLocalDate, isoWeekdayOf, localDateOfDayNumber, tryDayNumberOfLocalDate } from './time.ts';

export const SERVICE_DAY_KINDS = ['no_appointment', 'no_writing'] as const;
export type ServiceDayKind = (typeof SERVICE_DAY_KINDS)[number];

export const SERVICE_DAY_NAMES: Record<ServiceDayKind, { vi: string; en: string }> = {
  no_appointment: { vi: 'Ngày không hẹn', en: 'No-appointment day' },
  no_writing: { vi: 'Ngày không viết', en: 'No-writing day' },
};

/** At most a year of days in one request: a schedule, not a data load. */
export const MAX_SERVICE_DAYS = 366;

/**
 * The dates from..to (inclusive) that fall on one of `weekdays` (ISO: 1 = Monday … 7 = Sunday),
 * skipping `closed` dates (public holidays, days off): a no-appointment day needs an open office.
 * Throws RangeError on a malformed or reversed range, or one longer than MAX_SERVICE_DAYS.
 */
export function expandWeekdays(
  from: LocalDate,
  to: LocalDate,
  weekdays: readonly number[],
  closed: (day: LocalDate) => boolean = () => false,
): LocalDate[] {
  const a = tryDayNumberOfLocalDate(from);
  const b = tryDayNumberOfLocalDate(to);
  if (a === null || b === null) throw new RangeError('from and to must be YYYY-MM-DD dates');
  if (b < a) throw new RangeError('to is before from');
  if (b - a + 1 > MAX_SERVICE_DAYS) throw new RangeError(`at most ${MAX_SERVICE_DAYS} days`);
  const wanted = new Set(weekdays);
  const out: LocalDate[] = [];
  for (let n = a; n <= b; n++) {
    if (!wanted.has(isoWeekdayOf(n))) continue;
    const day = localDateOfDayNumber(n);
    if (!closed(day)) out.push(day);
  }
  return out;
}

/** What the service-days report needs of a dossier received on a service day. */
export interface ServiceDayDossier {
  /** Local date it was received (Asia/Ho_Chi_Minh). */
  receivedDay: LocalDate;
  /** Local date it was resolved, if it was. */
  resolvedDay: LocalDate | null;
  channel: 'counter' | 'online' | 'postal';
  /** The procedure's time limit is "the same day". */
  sameDay: boolean;
}

export interface ServiceDayCounts {
  noAppointmentDays: number;
  /** Same-day dossiers received on a no-appointment day. */
  sameDayReceived: number;
  /** …of which resolved on that very day, while the citizen waited. */
  sameDayResolved: number;
  noWritingDays: number;
  /** Dossiers received at the counter on a no-writing day (the officer filled the forms). */
  noWritingReceived: number;
}

export function emptyServiceDayCounts(): ServiceDayCounts {
  return {
    noAppointmentDays: 0,
    sameDayReceived: 0,
    sameDayResolved: 0,
    noWritingDays: 0,
    noWritingReceived: 0,
  };
}

/**
 * Counts one unit's service days and the dossiers it received on them. A dossier counts on its
 * reception date only: one received the evening before and resolved on a no-appointment day is
 * not "resolved while waiting".
 */
export function countServiceDays(
  days: ReadonlyArray<{ day: LocalDate; kind: ServiceDayKind }>,
  received: readonly ServiceDayDossier[],
): ServiceDayCounts {
  const c = emptyServiceDayCounts();
  const noAppointment = new Set<LocalDate>();
  const noWriting = new Set<LocalDate>();
  for (const d of days) (d.kind === 'no_appointment' ? noAppointment : noWriting).add(d.day);
  c.noAppointmentDays = noAppointment.size;
  c.noWritingDays = noWriting.size;
  for (const d of received) {
    if (noAppointment.has(d.receivedDay) && d.sameDay) {
      c.sameDayReceived++;
      if (d.resolvedDay === d.receivedDay) c.sameDayResolved++;
    }
    if (noWriting.has(d.receivedDay) && d.channel === 'counter') c.noWritingReceived++;
  }
  return c;
}

export function addServiceDayCounts(a: ServiceDayCounts, b: ServiceDayCounts): ServiceDayCounts {
  for (const k of Object.keys(a) as (keyof ServiceDayCounts)[]) a[k] += b[k];
  return a;
}

/** The next `limit` service days from `today` (inclusive), earliest first, both kinds merged by date. */
export function upcomingServiceDays<T extends { day: LocalDate; kind: ServiceDayKind }>(
  days: readonly T[],
  today: LocalDate,
  limit: number,
): T[] {
  const t = dayNumberOfLocalDate(today);
  return days
    .filter((d) => dayNumberOfLocalDate(d.day) >= t)
    .sort((a, b) => a.day.localeCompare(b.day) || a.kind.localeCompare(b.kind))
    .slice(0, limit);
}
