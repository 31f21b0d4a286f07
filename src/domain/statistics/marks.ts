/**
 * Report marks: what one dossier adds to the running totals behind the processing report, as
 * changes at instants. For any instant t, the cumulative vector C(t) = Σ marks with `at` < t holds,
 * over all dossiers: how many were received (per channel) and finished (per outcome) before t, and
 * how many were paused and overdue at t. Every figure of the report for a period [start, asOf) is
 * then a difference or a value of C at two instants (`figuresFromCumulative`), so a report reads a
 * few pre-added buckets (year, month, day) instead of folding every dossier's events.
 *
 * Pure. The marks of a dossier are derived from the facts after each of its events (`Snapshot`),
 * which are what the naive report uses as of any instant, so both give the same figures (checked by
 * the property test in src/services/rollups/report-rollups.test.ts).
 */
import { localDateOf } from '../calendar/time.ts';
import { type Channel, type DossierFacts, emptyCounts, type ProcessingCounts } from './processing.ts';

export const MARK_COLUMNS = [
  'receivedOnline',
  'receivedCounter',
  'receivedPostal',
  'resolvedEarly',
  'resolvedOnTime',
  'resolvedLate',
  'refused',
  'withdrawn',
  'paused',
  'overdue',
] as const;
export type MarkColumn = (typeof MARK_COLUMNS)[number];
export type MarkVector = Record<MarkColumn, number>;

export interface Mark {
  at: Date;
  delta: MarkVector;
}

/** The facts of a dossier just after one of its events (at `at`), as the naive report would see them. */
export interface Snapshot {
  at: Date;
  facts: DossierFacts;
}

export function zeroVector(): MarkVector {
  return Object.fromEntries(MARK_COLUMNS.map((c) => [c, 0])) as MarkVector;
}

export function isZero(v: MarkVector): boolean {
  return MARK_COLUMNS.every((c) => v[c] === 0);
}

export function addVector(a: MarkVector, b: MarkVector, sign = 1): MarkVector {
  for (const c of MARK_COLUMNS) a[c] += sign * b[c];
  return a;
}

const RECEIVED: Record<Channel, MarkColumn> = {
  online: 'receivedOnline',
  counter: 'receivedCounter',
  postal: 'receivedPostal',
};

/**
 * The dossier's contribution to C(t) for t in (at, next event], from the facts after the event at
 * `at`, with the overdue flag given (it flips inside the interval when the due time passes).
 */
function levelOf(facts: DossierFacts, overdue: boolean): MarkVector {
  const v = zeroVector();
  v[RECEIVED[facts.channel]] = 1;
  const f = facts.finish;
  if (f) {
    if (f.kind !== 'resolved') v[f.kind] = 1;
    else if (f.timeliness === 'early') v.resolvedEarly = 1;
    else if (f.timeliness === 'on_time') v.resolvedOnTime = 1;
    else v.resolvedLate = 1;
    return v;
  }
  if (facts.paused) v.paused = 1;
  else if (overdue) v.overdue = 1;
  return v;
}

function diff(a: MarkVector, b: MarkVector): MarkVector {
  return addVector({ ...b }, a, -1);
}

/**
 * The marks of one dossier from its snapshots in event order (the first is the reception). Several
 * events at one instant count as one change (the last snapshot wins). The dossier is projected past
 * its last event: an open, running dossier becomes overdue at its due time even if nothing happens.
 */
export function reportMarks(snapshots: readonly Snapshot[]): Mark[] {
  const points: Snapshot[] = [];
  for (const s of snapshots) {
    const last = points[points.length - 1];
    if (last && last.at.getTime() === s.at.getTime()) points[points.length - 1] = s;
    else points.push(s);
  }
  const marks: Mark[] = [];
  const push = (at: Date, delta: MarkVector) => {
    if (isZero(delta)) return;
    const last = marks[marks.length - 1];
    if (last && last.at.getTime() === at.getTime()) addVector(last.delta, delta);
    else marks.push({ at, delta });
  };
  let level = zeroVector();
  points.forEach((p, i) => {
    const t = p.at.getTime();
    const next = points[i + 1]?.at.getTime() ?? Number.POSITIVE_INFINITY;
    const due = p.facts.dueAt.getTime();
    const open = !p.facts.finish && !p.facts.paused;
    // Overdue on (at, next] when due < t: from the start if already due, else from the due time.
    const startLevel = levelOf(p.facts, open && due < t);
    push(p.at, diff(level, startLevel));
    level = startLevel;
    if (open && due >= t && due < next) {
      const after = levelOf(p.facts, true);
      push(new Date(due), diff(level, after));
      level = after;
    }
  });
  return marks.filter((m) => !isZero(m.delta));
}

/** Local-date buckets a mark is pre-added into: its day, month and year (first day of each). */
export interface Buckets {
  day: string;
  month: string;
  year: string;
}

export function bucketsOf(at: Date, timeZone: string): Buckets {
  const day = localDateOf(at, timeZone);
  return { day, month: `${day.slice(0, 8)}01`, year: `${day.slice(0, 5)}01-01` };
}

export type Grain = 'd' | 'm' | 'y';

/**
 * The bucket ranges whose sum is C at the local midnight starting `day` (YYYY-MM-DD): every year
 * before its year, the months of its year before its month, the days of its month before it.
 */
export function prefixRanges(day: string): Array<{ grain: Grain; from: string | null; to: string }> {
  const year = `${day.slice(0, 5)}01-01`;
  const month = `${day.slice(0, 8)}01`;
  return [
    { grain: 'y', from: null, to: year },
    { grain: 'm', from: year, to: month },
    { grain: 'd', from: month, to: day },
  ];
}

/**
 * The processing counts of a period from the cumulative vectors at its start and at `asOf`:
 * flows are differences, carried over is what was received and not finished before the start,
 * in progress is what was received and not finished before `asOf`.
 */
export function figuresFromCumulative(atStart: MarkVector, atEnd: MarkVector): ProcessingCounts {
  const c = emptyCounts();
  const received = (v: MarkVector) => v.receivedOnline + v.receivedCounter + v.receivedPostal;
  const finished = (v: MarkVector) =>
    v.resolvedEarly + v.resolvedOnTime + v.resolvedLate + v.refused + v.withdrawn;
  c.carriedOver = received(atStart) - finished(atStart);
  c.received.online = atEnd.receivedOnline - atStart.receivedOnline;
  c.received.counter = atEnd.receivedCounter - atStart.receivedCounter;
  c.received.postal = atEnd.receivedPostal - atStart.receivedPostal;
  c.received.total = c.received.online + c.received.counter + c.received.postal;
  c.total = c.carriedOver + c.received.total;
  c.resolved.early = atEnd.resolvedEarly - atStart.resolvedEarly;
  c.resolved.onTime = atEnd.resolvedOnTime - atStart.resolvedOnTime;
  c.resolved.late = atEnd.resolvedLate - atStart.resolvedLate;
  c.resolved.total = c.resolved.early + c.resolved.onTime + c.resolved.late;
  c.refused = atEnd.refused - atStart.refused;
  c.withdrawn = atEnd.withdrawn - atStart.withdrawn;
  c.inProgress.total = received(atEnd) - finished(atEnd);
  c.inProgress.paused = atEnd.paused;
  c.inProgress.overdue = atEnd.overdue;
  c.inProgress.notDue = c.inProgress.total - c.inProgress.overdue;
  return c;
}
