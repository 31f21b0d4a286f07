/**
 * Report roll-ups: each dossier's marks (src/domain/statistics/marks.ts) are written in the same
 * transaction as its events, and pre-added into day, month and year buckets per receiving unit and
 * procedure. A report then reads the cumulative counters at two instants instead of folding every
 * dossier's history (the naive route, kept in reports.ts as the reference).
 */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { bulkInsert, upsertBuckets } from '../../db/bulk.ts';
import { type Db, rowsOf } from '../../db/client.ts';
import {
  dossierEvents,
  dossiers,
  reportActivityDay,
  reportActivityMonth,
  reportActivityYear,
  reportMarks,
  reportRollupsDay,
  reportRollupsMonth,
  reportRollupsYear,
  units,
} from '../../db/schema.ts';
import { TIME_ZONE, type WorkingCalendar } from '../../domain/calendar/index.ts';
import { type DossierState, deriveDossierState } from '../../domain/dossier/state.ts';
import {
  type ActivityItem,
  type DossierActivityContext,
  dossierActivity,
} from '../../domain/statistics/activity.ts';
import type { DossierEvent } from '../../domain/dossier/types.ts';
import { dossierFacts } from '../../domain/statistics/facts.ts';
import {
  addVector,
  bucketsOf,
  type Grain,
  MARK_COLUMNS,
  type Mark,
  type MarkColumn,
  type MarkVector,
  prefixRanges,
  reportMarks as marksOfSnapshots,
  type Snapshot,
  zeroVector,
} from '../../domain/statistics/marks.ts';
import type { Channel } from '../../domain/statistics/processing.ts';
import type { ProcessDefinition } from '../../domain/workflow/definition.ts';
import { calendarForUnit } from '../calendar/index.ts';
import { durationOf } from '../../domain/catalog/procedure.ts';
import { loadProcess, procedureVersionContent } from '../catalog/index.ts';
import { eventOf } from '../../domain/dossier/index.ts';
import { type ActivityPlace, rebuildPaymentAndRatingActivity, writeActivity } from './report-activity.ts';

export interface MarkedDossier {
  dossierId: string;
  /** The receiving unit: reports count a dossier where it was received, liên thông or not. */
  unitId: string;
  procedureId: string;
}

export interface DossierHistory {
  definition: ProcessDefinition;
  events: readonly DossierEvent[];
  calendar: WorkingCalendar;
  duration: Parameters<typeof deriveDossierState>[2]['duration'];
  channel: Channel;
}

/** The dossier's state after each of its events (folding each prefix of the history), in event order. */
export function foldHistory(h: DossierHistory): { events: DossierEvent[]; states: DossierState[] } {
  const events = [...h.events].sort((a, b) => a.seq - b.seq);
  const clock = { calendar: h.calendar, duration: h.duration, supplementMode: h.definition.supplementMode };
  return {
    events,
    states: events.map((_, i) => deriveDossierState(h.definition, events.slice(0, i + 1), clock)),
  };
}

function marksOfStates(
  h: DossierHistory,
  events: readonly DossierEvent[],
  states: readonly DossierState[],
): Mark[] {
  const snapshots: Snapshot[] = events.map((event, i) => ({
    at: event.at,
    facts: dossierFacts(states[i]!, h.channel, h.calendar),
  }));
  return marksOfSnapshots(snapshots);
}

/** The facts after each event, then the marks. */
export function marksOfHistory(h: DossierHistory): Mark[] {
  const { events, states } = foldHistory(h);
  return marksOfStates(h, events, states);
}

/**
 * What a dossier's history gives the reports: all its marks, and the activity of its events from
 * `fromSeq` on (the events just appended: earlier ones were counted when they happened).
 */
export function statisticsOfHistory(
  h: DossierHistory & { resultDelivery: DossierActivityContext['resultDelivery'] },
  fromSeq: number,
): { marks: Mark[]; activity: ActivityItem[] } {
  const { events, states } = foldHistory(h);
  return {
    marks: marksOfStates(h, events, states),
    activity: dossierActivity(
      events,
      states,
      { channel: h.channel, resultDelivery: h.resultDelivery },
      fromSeq,
    ),
  };
}

const COLUMN_SQL: Record<MarkColumn, string> = {
  receivedOnline: 'received_online',
  receivedCounter: 'received_counter',
  receivedPostal: 'received_postal',
  resolvedEarly: 'resolved_early',
  resolvedOnTime: 'resolved_on_time',
  resolvedLate: 'resolved_late',
  refused: 'refused',
  withdrawn: 'withdrawn',
  paused: 'paused',
  overdue: 'overdue',
};

function vectorOf(row: Record<MarkColumn, number | string>): MarkVector {
  const v = zeroVector();
  for (const c of MARK_COLUMNS) v[c] = Number(row[c] ?? 0);
  return v;
}

type RollupKey = `${string}|${Grain}|${string}|${string}`;

/** Adds `sign` × the marks into per-bucket deltas (day, month, year of each mark). */
function addToBuckets(
  into: Map<RollupKey, MarkVector>,
  d: MarkedDossier,
  marks: readonly Mark[],
  sign: 1 | -1,
): void {
  for (const m of marks) {
    const b = bucketsOf(m.at, TIME_ZONE);
    for (const [grain, bucket] of [
      ['d', b.day],
      ['m', b.month],
      ['y', b.year],
    ] as const) {
      const key: RollupKey = `${d.unitId}|${grain}|${bucket}|${d.procedureId}`;
      addVector(into.get(key) ?? into.set(key, zeroVector()).get(key)!, m.delta, sign);
    }
  }
}

const ROLLUP_TABLE: Record<Grain, string> = {
  y: 'report_rollups_y',
  m: 'report_rollups_m',
  d: 'report_rollups_d',
};

const MARK_KEY_COLUMNS = [
  { name: 'unit_id', type: 'uuid' },
  { name: 'bucket', type: 'date' },
  { name: 'procedure_id', type: 'uuid' },
];
const MARK_VALUE_COLUMNS = MARK_COLUMNS.map((c) => ({ name: COLUMN_SQL[c], type: 'int' }));

async function applyBucketDeltas(tx: Db, deltas: Map<RollupKey, MarkVector>): Promise<void> {
  await upsertBuckets(
    tx,
    ROLLUP_TABLE,
    MARK_KEY_COLUMNS,
    MARK_VALUE_COLUMNS,
    [...deltas.entries()].map(([key, v]) => {
      const [unitId, grain, bucket, procedureId] = key.split('|') as [string, Grain, string, string];
      return { grain, keys: [unitId, bucket, procedureId], values: MARK_COLUMNS.map((c) => v[c]) };
    }),
  );
}

/** Inserts marks rows (dossier, instant, unit, procedure, the counters). */
async function insertMarks(
  tx: Db,
  rows: ReadonlyArray<{ dossier: MarkedDossier; mark: Mark }>,
): Promise<void> {
  await bulkInsert(tx, 'report_marks', [
    { name: 'dossier_id', type: 'uuid', values: rows.map((r) => r.dossier.dossierId) },
    { name: 'at', type: 'timestamptz', values: rows.map((r) => r.mark.at) },
    { name: 'unit_id', type: 'uuid', values: rows.map((r) => r.dossier.unitId) },
    { name: 'procedure_id', type: 'uuid', values: rows.map((r) => r.dossier.procedureId) },
    ...MARK_COLUMNS.map((c) => ({
      name: COLUMN_SQL[c],
      type: 'smallint',
      values: rows.map((r) => r.mark.delta[c]),
    })),
  ]);
}

function sameMarks(a: readonly Mark[], b: readonly Mark[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (m, i) =>
        m.at.getTime() === b[i]!.at.getTime() && MARK_COLUMNS.every((c) => m.delta[c] === b[i]!.delta[c]),
    )
  );
}

/**
 * Replaces a dossier's marks (inside the caller's transaction) and moves the roll-ups by the
 * difference. Most events (forward, assign) change no mark and cost one read.
 */
export async function writeDossierMarks(tx: Db, d: MarkedDossier, marks: readonly Mark[]): Promise<void> {
  const oldRows = await tx
    .select()
    .from(reportMarks)
    .where(eq(reportMarks.dossierId, d.dossierId))
    .orderBy(asc(reportMarks.at));
  const old = oldRows.map((r) => ({ at: r.at, delta: vectorOf(r) }));
  if (sameMarks(old, marks)) return;
  const deltas = new Map<RollupKey, MarkVector>();
  addToBuckets(deltas, d, old, -1);
  addToBuckets(deltas, d, marks, 1);
  if (old.length) await tx.delete(reportMarks).where(eq(reportMarks.dossierId, d.dossierId));
  await insertMarks(
    tx,
    marks.map((mark) => ({ dossier: d, mark })),
  );
  await applyBucketDeltas(tx, deltas);
}

/**
 * After events were appended to a dossier (inside their transaction): its marks move with the
 * whole history, its activity grows by what the new events (from `fromSeq`) did.
 */
export async function writeDossierStatistics(
  tx: Db,
  d: MarkedDossier,
  h: DossierHistory & { resultDelivery: DossierActivityContext['resultDelivery'] },
  fromSeq: number,
): Promise<void> {
  const stats = statisticsOfHistory(h, fromSeq);
  await writeDossierMarks(tx, d, stats.marks);
  await writeActivity(tx, [{ place: d, items: stats.activity }]);
}

/** Writes the marks of dossiers that have none yet (imports, rebuilds), with one roll-up pass. */
export async function writeNewDossierMarks(
  tx: Db,
  entries: ReadonlyArray<{ dossier: MarkedDossier; marks: readonly Mark[] }>,
): Promise<void> {
  const deltas = new Map<RollupKey, MarkVector>();
  const rows: Array<{ dossier: MarkedDossier; mark: Mark }> = [];
  for (const { dossier, marks } of entries) {
    addToBuckets(deltas, dossier, marks, 1);
    for (const mark of marks) rows.push({ dossier, mark });
  }
  for (let i = 0; i < rows.length; i += 20_000) await insertMarks(tx, rows.slice(i, i + 20_000));
  await applyBucketDeltas(tx, deltas);
}

export type CumulativeKey = 'unit' | 'procedure' | null;

/**
 * C(t), the cumulative counters at `instant`, for these receiving units, per unit, per procedure or
 * in all: whole years before its year, months of its year before its month, days of its month
 * before its day (from the roll-ups), then the marks of its own day before it.
 */
export async function cumulativeAt(
  db: Db,
  unitIds: readonly string[],
  instant: Date,
  by: CumulativeKey,
): Promise<Map<string, MarkVector>> {
  const out = new Map<string, MarkVector>();
  if (unitIds.length === 0) return out;
  const day = bucketsOf(instant, TIME_ZONE).day;
  const [y, m, d] = prefixRanges(day);
  const dayStart = new Date(`${day}T00:00:00+07:00`);
  const sums = sql.raw(MARK_COLUMNS.map((c) => `sum(${COLUMN_SQL[c]})::int as "${c}"`).join(', '));
  const cols = sql.raw(`unit_id, procedure_id, ${MARK_COLUMNS.map((c) => COLUMN_SQL[c]).join(', ')}`);
  const key = sql.raw(by === 'unit' ? 'unit_id' : by === 'procedure' ? 'procedure_id' : "''");
  const ids = sql.join(
    unitIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const fromMarks =
    instant.getTime() > dayStart.getTime()
      ? sql`union all select ${cols} from report_marks
            where unit_id in (${ids}) and at >= ${dayStart.toISOString()}::timestamptz and at < ${instant.toISOString()}::timestamptz`
      : sql``;
  // Only the ranges that hold something: at a year's start (a yearly report) just the year rows.
  const parts = [
    sql`select ${cols} from report_rollups_y where unit_id in (${ids}) and bucket < ${y!.to}::date`,
  ];
  if (m!.from! < m!.to)
    parts.push(
      sql`select ${cols} from report_rollups_m where unit_id in (${ids}) and bucket >= ${m!.from}::date and bucket < ${m!.to}::date`,
    );
  if (d!.from! < d!.to)
    parts.push(
      sql`select ${cols} from report_rollups_d where unit_id in (${ids}) and bucket >= ${d!.from}::date and bucket < ${d!.to}::date`,
    );
  const result = await db.execute(sql`
    select ${key} as key, ${sums} from (
      ${sql.join(parts, sql` union all `)}
      ${fromMarks}
    ) c group by 1`);
  for (const row of rowsOf<Record<string, unknown>>(result))
    out.set(String(row.key ?? ''), vectorOf(row as Record<MarkColumn, number>));
  return out;
}

/**
 * Rebuilds every mark and roll-up (and, with `activity`, the activity roll-ups) from the events,
 * payments and ratings (after an upgrade that adds them, or to repair): in batches of dossiers,
 * inside one transaction per batch. Returns the number of dossiers.
 */
export async function rebuildReportRollups(
  db: Db,
  onProgress?: (done: number, total: number) => void,
  what: { marks: boolean; activity: boolean } = { marks: true, activity: true },
): Promise<number> {
  if (what.marks) {
    await db.delete(reportMarks);
    await db.delete(reportRollupsYear);
    await db.delete(reportRollupsMonth);
    await db.delete(reportRollupsDay);
  }
  if (what.activity) {
    await db.delete(reportActivityYear);
    await db.delete(reportActivityMonth);
    await db.delete(reportActivityDay);
  }
  const [{ total } = { total: 0 }] = await db.select({ total: sql<number>`count(*)::int` }).from(dossiers);
  const calendars = new Map<string, WorkingCalendar>();
  let done = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await db
      .select()
      .from(dossiers)
      .where(sql`${dossiers.id} > ${after}::uuid`)
      .orderBy(asc(dossiers.id))
      .limit(500);
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!.id;
    const events = await db
      .select()
      .from(dossierEvents)
      .where(
        inArray(
          dossierEvents.dossierId,
          batch.map((b) => b.id),
        ),
      )
      .orderBy(asc(dossierEvents.dossierId), asc(dossierEvents.seq));
    const byDossier = new Map<string, DossierEvent[]>();
    for (const e of events) {
      const list = byDossier.get(e.dossierId) ?? [];
      byDossier.set(e.dossierId, list);
      list.push(eventOf(e));
    }
    const marks: Array<{ dossier: MarkedDossier; marks: Mark[] }> = [];
    const activity: Array<{ place: ActivityPlace; items: ActivityItem[] }> = [];
    for (const row of batch) {
      const history = byDossier.get(row.id);
      if (!history?.length) continue;
      let calendar = calendars.get(row.receivingUnitId);
      if (!calendar) {
        const [unit] = await db.select().from(units).where(eq(units.id, row.receivingUnitId));
        calendar = (await calendarForUnit(db, unit!)).calendar;
        calendars.set(row.receivingUnitId, calendar);
      }
      const procedure = await procedureVersionContent(db, row.procedureId, row.procedureVersion);
      const { definition } = await loadProcess(db, row.processCode, row.processVersion);
      const stats = statisticsOfHistory(
        {
          definition,
          events: history,
          calendar,
          duration: durationOf(procedure.processingTime),
          channel: row.channel as Channel,
          resultDelivery: row.resultDelivery,
        },
        1,
      );
      const dossier = { dossierId: row.id, unitId: row.receivingUnitId, procedureId: row.procedureId };
      marks.push({ dossier, marks: stats.marks });
      activity.push({ place: dossier, items: stats.activity });
    }
    await db.transaction(async (tx) => {
      if (what.marks) await writeNewDossierMarks(tx as unknown as Db, marks);
      if (what.activity) await writeActivity(tx as unknown as Db, activity);
    });
    done += batch.length;
    onProgress?.(done, total);
  }
  if (what.activity) await rebuildPaymentAndRatingActivity(db);
  return done;
}

/** True when dossiers exist but no mark does (a database from before the roll-ups). */
export async function rollupsMissing(db: Db): Promise<boolean> {
  const [row] = rowsOf<{ missing: boolean }>(
    await db.execute(
      sql`select exists(select 1 from dossiers) and not exists(select 1 from report_marks) as missing`,
    ),
  );
  return Boolean(row?.missing);
}
