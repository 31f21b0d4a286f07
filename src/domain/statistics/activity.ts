/**
 * Activity counters: what happened in a period, by unit, procedure and officer, for the reports that
 * are not the processing report (satisfaction, online and cashless shares, postal service,
 * digitisation, per-officer workload and timeliness) and for the service-quality index.
 *
 * Unlike report marks (levels that move as a dossier's due time passes), activity is a flow: each
 * item is something done at an instant (a dossier received, a step finished, a result returned by
 * post, a fee paid, a rating given), added once into day, month and year buckets and never moved.
 * An item of a dossier event depends only on the dossier's history up to that event, so appending
 * an event adds the items of that event alone (`dossierEventActivity`), and a report for a past
 * period gives the same figures tomorrow as today.
 *
 * Pure: no I/O, no clock.
 */
import type { DossierState } from '../dossier/state.ts';
import type { DossierEvent } from '../dossier/types.ts';
import type { Grain } from './marks.ts';
import type { Channel } from './processing.ts';

export const ACTIVITY_COLUMNS = [
  /** Dossiers received (by the officer who received them), and among them online and by post. */
  'received',
  'receivedOnline',
  'receivedPostal',
  /** Received with their components digitised (online, or scanned at reception). */
  'receivedDigitized',
  /** Processing steps finished, by their timeliness against the step's share of the time. */
  'stepsEarly',
  'stepsOnTime',
  'stepsLate',
  /** Dossiers resolved (by the officer who resolved them), and those with an electronic result. */
  'resolved',
  'resultDigitized',
  /** Apologies with a new date (Mẫu 04). */
  'apologies',
  /** Requests to supplement (Mẫu 02). */
  'supplementRequests',
  /** Results returned, by how. */
  'returnedCounter',
  'returnedPostal',
  'returnedOnline',
  /** Fees paid, by cash or without (gateway, bank transfer), and their amounts in đồng. */
  'paidCash',
  'paidCashless',
  'paidCashAmount',
  'paidCashlessAmount',
  /** Ratings given, by level. */
  'ratedVerySatisfied',
  'ratedSatisfied',
  'ratedNeutral',
  'ratedNotSatisfied',
] as const;
export type ActivityColumn = (typeof ACTIVITY_COLUMNS)[number];
export type ActivityVector = Record<ActivityColumn, number>;

/** Columns that hold sums of money (bigint in the roll-ups). */
export const ACTIVITY_AMOUNT_COLUMNS: ReadonlySet<ActivityColumn> = new Set([
  'paidCashAmount',
  'paidCashlessAmount',
]);

export interface ActivityItem {
  at: Date;
  /** The officer it is credited to; null when nobody here did it (imported history, a gateway). */
  officerId: string | null;
  delta: Partial<ActivityVector>;
}

export function zeroActivity(): ActivityVector {
  return Object.fromEntries(ACTIVITY_COLUMNS.map((c) => [c, 0])) as ActivityVector;
}

export function addActivity(into: ActivityVector, delta: Partial<ActivityVector>, sign = 1): ActivityVector {
  for (const c of ACTIVITY_COLUMNS) into[c] += sign * (delta[c] ?? 0);
  return into;
}

export function isZeroActivity(v: Partial<ActivityVector>): boolean {
  return ACTIVITY_COLUMNS.every((c) => !v[c]);
}

/** What the activity of a dossier needs to know besides its events. */
export interface DossierActivityContext {
  channel: Channel;
  /** How the applicant asked to receive the result. */
  resultDelivery: 'counter' | 'postal' | 'online';
}

const RETURNED: Record<string, ActivityColumn> = {
  counter: 'returnedCounter',
  postal: 'returnedPostal',
  online: 'returnedOnline',
};

const STEP_COLUMN = { early: 'stepsEarly', on_time: 'stepsOnTime', late: 'stepsLate' } as const;

function digitizedFlag(payload: Record<string, unknown>, part: 'dossier' | 'result'): boolean {
  const d = payload.digitized;
  return typeof d === 'object' && d !== null && (d as Record<string, unknown>)[part] === true;
}

/** The result exists electronically: returned online, imported as digitised, or a result file attached. */
function resultDigitized(prefix: readonly DossierEvent[], ctx: DossierActivityContext): boolean {
  return (
    ctx.resultDelivery === 'online' ||
    digitizedFlag(prefix[0]!.payload, 'result') ||
    prefix.some((e) => e.type === 'attach_result' && typeof e.payload.fileId === 'string')
  );
}

/**
 * The activity of the last event of `prefix` (the dossier's events up to it, reception first),
 * from the dossier's state before it (null for the reception) and after it. Imported history is
 * credited to nobody: the importer wrote it, nobody here did the work.
 */
export function dossierEventActivity(
  prefix: readonly DossierEvent[],
  before: DossierState | null,
  after: DossierState,
  ctx: DossierActivityContext,
): ActivityItem[] {
  const event = prefix[prefix.length - 1]!;
  const imported = event.payload.imported === true;
  const actor = imported ? null : event.actorId;
  const items: ActivityItem[] = [];
  const add = (delta: Partial<ActivityVector>, officerId: string | null = actor) => {
    if (!isZeroActivity(delta)) items.push({ at: event.at, officerId, delta });
  };
  if (!before) {
    add({
      received: 1,
      receivedOnline: ctx.channel === 'online' ? 1 : 0,
      receivedPostal: ctx.channel === 'postal' ? 1 : 0,
      receivedDigitized: ctx.channel === 'online' || digitizedFlag(event.payload, 'dossier') ? 1 : 0,
    });
    return items;
  }
  // Steps this event finished, each credited to whom it was assigned, else to who finished it.
  for (const [i, step] of after.steps.entries()) {
    const was = before.steps[i];
    if (!step.endedAt || !step.timeliness || was?.endedAt) continue;
    add({ [STEP_COLUMN[step.timeliness]]: 1 }, imported ? null : (step.assigneeId ?? actor));
  }
  if (!before.resolvedAt && after.resolvedAt) add({ resolved: 1 });
  // Counted once, when the dossier is first both resolved and electronic (a file may come later).
  if (
    after.resolvedAt &&
    resultDigitized(prefix, ctx) &&
    !(before.resolvedAt && resultDigitized(prefix.slice(0, -1), ctx))
  )
    add({ resultDigitized: 1 });
  if (event.type === 'extend') add({ apologies: 1 });
  if (after.supplementCount > before.supplementCount) add({ supplementRequests: 1 });
  if (!before.returnedAt && after.returnedAt) {
    const method = typeof event.payload.method === 'string' ? event.payload.method : ctx.resultDelivery;
    add({ [RETURNED[method] ?? 'returnedCounter']: 1 });
  }
  return items;
}

/** The activity of a whole history, from the states after each of its events (as folded for the marks). */
export function dossierActivity(
  events: readonly DossierEvent[],
  states: readonly DossierState[],
  ctx: DossierActivityContext,
  fromSeq = 1,
): ActivityItem[] {
  const items: ActivityItem[] = [];
  for (let i = 0; i < events.length; i++)
    if (events[i]!.seq >= fromSeq)
      items.push(...dossierEventActivity(events.slice(0, i + 1), states[i - 1] ?? null, states[i]!, ctx));
  return items;
}

/** References of payments loaded with imported history (they were recorded elsewhere, by nobody here). */
export const IMPORTED_PAYMENT_PREFIX = 'IMP-';

/**
 * A fee paid: counted when paid, by cash or without (a later refund does not rewrite the past),
 * credited to the officer who recorded it (nobody for an imported one).
 */
export function paymentActivity(p: {
  paidAt: Date;
  method: 'gateway' | 'vietqr' | 'cash';
  amount: number;
  recordedBy: string | null;
  reference: string;
}): ActivityItem {
  const cash = p.method === 'cash';
  return {
    at: p.paidAt,
    officerId: p.reference.startsWith(IMPORTED_PAYMENT_PREFIX) ? null : p.recordedBy,
    delta: cash
      ? { paidCash: 1, paidCashAmount: p.amount }
      : { paidCashless: 1, paidCashlessAmount: p.amount },
  };
}

export const RATING_LEVELS = ['very_satisfied', 'satisfied', 'neutral', 'not_satisfied'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];
const RATED: Record<RatingLevel, ActivityColumn> = {
  very_satisfied: 'ratedVerySatisfied',
  satisfied: 'ratedSatisfied',
  neutral: 'ratedNeutral',
  not_satisfied: 'ratedNotSatisfied',
};

/** A rating, credited to the officer the applicant met. */
export function ratingActivity(r: { at: Date; level: RatingLevel; officerId: string | null }): ActivityItem {
  return { at: r.at, officerId: r.officerId, delta: { [RATED[r.level]]: 1 } };
}

/** A run of buckets of one grain, first and last bucket inclusive (each bucket = its first day). */
export interface BucketRange {
  grain: Grain;
  from: string;
  to: string;
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function lastDayOfMonth(day: string): string {
  const d = new Date(`${day.slice(0, 8)}01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}

/**
 * The fewest buckets that cover the local dates `from`..`to` (inclusive) exactly: whole years
 * where a year lies inside, whole months where a month does, days at the ragged ends. At most five
 * runs (days, months, years, months, days), so a period of any length reads a few hundred rows per
 * unit at most.
 */
export function coveringBuckets(from: string, to: string): BucketRange[] {
  const out: BucketRange[] = [];
  const push = (grain: Grain, bucket: string) => {
    const last = out[out.length - 1];
    if (last && last.grain === grain) last.to = bucket;
    else out.push({ grain, from: bucket, to: bucket });
  };
  let day = from;
  while (day <= to) {
    const yearEnd = `${day.slice(0, 4)}-12-31`;
    const monthEnd = lastDayOfMonth(day);
    if (day.slice(5) === '01-01' && yearEnd <= to) {
      push('y', day);
      day = nextDay(yearEnd);
    } else if (day.slice(8) === '01' && monthEnd <= to) {
      push('m', day);
      day = nextDay(monthEnd);
    } else {
      push('d', day);
      day = nextDay(day);
    }
  }
  return out;
}
