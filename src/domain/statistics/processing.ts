/**
 * The processing report (Circular 01/2020/TT-VPCP form 06; domain.md "The numbers a one-stop shop
 * reports"): for a period, what a unit had to resolve (carried over + received), what it resolved
 * (early, on time, late), refused and withdrew, and what is still in progress at the period's end
 * (not due, overdue; paused among the not due). Pure: every figure is a function of each dossier's
 * facts as of the period's end, themselves derived from its events up to then (so a past period
 * gives the same figures tomorrow as today).
 */
import { dayNumberOfLocalDate, zoneOffsetMinutes } from '../calendar/time.ts';
import type { Timeliness } from '../dossier/types.ts';

export type Channel = 'online' | 'counter' | 'postal';
export const CHANNELS: readonly Channel[] = ['online', 'counter', 'postal'];

/** How a dossier was finished: resolved (with its timeliness), refused, or withdrawn (or cancelled). */
export type Finish =
  | { kind: 'resolved'; at: Date; timeliness: Timeliness }
  | { kind: 'refused' | 'withdrawn'; at: Date };

/** What the report needs of one dossier, as of the period's end (`asOf`). */
export interface DossierFacts {
  receivedAt: Date;
  channel: Channel;
  /** Null while not finished at `asOf`. */
  finish: Finish | null;
  /** The legal due time in force at `asOf` (pauses applied; an extension does not move it). */
  dueAt: Date;
  /** Waiting for the applicant at `asOf`. */
  paused: boolean;
}

export interface Ratio {
  numerator: number;
  denominator: number;
  /** numerator / denominator, null when the denominator is 0 (no figure rather than a made-up one). */
  value: number | null;
}

export interface ProcessingCounts {
  carriedOver: number;
  received: { total: number; online: number; counter: number; postal: number };
  total: number;
  resolved: { total: number; early: number; onTime: number; late: number };
  inProgress: { total: number; notDue: number; overdue: number; paused: number };
  refused: number;
  withdrawn: number;
}

export interface ProcessingFigures extends ProcessingCounts {
  onTimeRate: Ratio;
}

/** A period as instants: [start, end) with `asOf` = the earlier of `end` and now. */
export interface PeriodBounds {
  start: Date;
  end: Date;
  asOf: Date;
}

export function ratio(numerator: number, denominator: number): Ratio {
  return { numerator, denominator, value: denominator === 0 ? null : numerator / denominator };
}

export function emptyCounts(): ProcessingCounts {
  return {
    carriedOver: 0,
    received: { total: 0, online: 0, counter: 0, postal: 0 },
    total: 0,
    resolved: { total: 0, early: 0, onTime: 0, late: 0 },
    inProgress: { total: 0, notDue: 0, overdue: 0, paused: 0 },
    refused: 0,
    withdrawn: 0,
  };
}

const DAY_MS = 86_400_000;

/**
 * The period from `from` to `to` (YYYY-MM-DD, inclusive) in `timeZone` (a fixed-offset zone, as
 * Asia/Ho_Chi_Minh is): from 00:00 on `from` to 00:00 on the day after `to`. A period still running
 * is counted up to `now`. Throws a CalendarError on an invalid date.
 */
export function periodBounds(from: string, to: string, timeZone: string, now: Date): PeriodBounds {
  const offsetMs = zoneOffsetMinutes(timeZone) * 60_000;
  const start = new Date(dayNumberOfLocalDate(from) * DAY_MS - offsetMs);
  const end = new Date((dayNumberOfLocalDate(to) + 1) * DAY_MS - offsetMs);
  return { start, end, asOf: new Date(Math.min(end.getTime(), now.getTime())) };
}

/**
 * Where one dossier falls in the period, added to `counts`. Outside the report: received after the
 * period (or after now), or finished before it.
 */
export function countDossier(counts: ProcessingCounts, facts: DossierFacts, period: PeriodBounds): void {
  const received = facts.receivedAt.getTime();
  if (received >= period.asOf.getTime()) return;
  const finish = facts.finish && facts.finish.at.getTime() < period.asOf.getTime() ? facts.finish : null;
  if (finish && finish.at.getTime() < period.start.getTime()) return;

  if (received < period.start.getTime()) counts.carriedOver++;
  else {
    counts.received.total++;
    counts.received[facts.channel]++;
  }
  counts.total++;

  if (!finish) {
    counts.inProgress.total++;
    if (facts.paused) {
      counts.inProgress.paused++;
      counts.inProgress.notDue++;
    } else if (facts.dueAt.getTime() < period.asOf.getTime()) counts.inProgress.overdue++;
    else counts.inProgress.notDue++;
    return;
  }
  if (finish.kind === 'refused') counts.refused++;
  else if (finish.kind === 'withdrawn') counts.withdrawn++;
  else if (finish.kind === 'resolved') {
    counts.resolved.total++;
    if (finish.timeliness === 'early') counts.resolved.early++;
    else if (finish.timeliness === 'on_time') counts.resolved.onTime++;
    else counts.resolved.late++;
  }
}

/** Adds `b` into `a` (rows into totals; roll-ups into a report). */
export function addCounts(a: ProcessingCounts, b: ProcessingCounts): ProcessingCounts {
  a.carriedOver += b.carriedOver;
  a.total += b.total;
  a.refused += b.refused;
  a.withdrawn += b.withdrawn;
  for (const key of ['total', 'online', 'counter', 'postal'] as const) a.received[key] += b.received[key];
  for (const key of ['total', 'early', 'onTime', 'late'] as const) a.resolved[key] += b.resolved[key];
  for (const key of ['total', 'notDue', 'overdue', 'paused'] as const) a.inProgress[key] += b.inProgress[key];
  return a;
}

/** The counts with their rate: on time = (early + on time) / resolved. */
export function withRates(counts: ProcessingCounts): ProcessingFigures {
  return {
    ...counts,
    onTimeRate: ratio(counts.resolved.early + counts.resolved.onTime, counts.resolved.total),
  };
}

/**
 * The report's identities (form 06: 3 = 4 + 5 + 6, 7 = 8 + 9 + 10, 11 = 12 + 13, and 3 = 7 + 11 +
 * refused + withdrawn). Returns the ones that do not hold (empty when all do).
 */
export function brokenIdentities(c: ProcessingCounts): string[] {
  const broken: string[] = [];
  const check = (name: string, left: number, right: number) => {
    if (left !== right) broken.push(`${name}: ${left} ≠ ${right}`);
  };
  check('total = carriedOver + received.total', c.total, c.carriedOver + c.received.total);
  check(
    'received.total = online + counter + postal',
    c.received.total,
    c.received.online + c.received.counter + c.received.postal,
  );
  check(
    'resolved.total = early + onTime + late',
    c.resolved.total,
    c.resolved.early + c.resolved.onTime + c.resolved.late,
  );
  check(
    'inProgress.total = notDue + overdue',
    c.inProgress.total,
    c.inProgress.notDue + c.inProgress.overdue,
  );
  check(
    'total = resolved + refused + withdrawn + inProgress',
    c.total,
    c.resolved.total + c.refused + c.withdrawn + c.inProgress.total,
  );
  if (c.inProgress.paused > c.inProgress.notDue) broken.push('inProgress.paused > inProgress.notDue');
  return broken;
}
