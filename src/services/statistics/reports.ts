/**
 * Reports derived from the dossiers' events (never typed in). The processing report folds each
 * dossier's events up to the period's end (src/domain/dossier/state.ts) and counts it by the pure
 * formulas of src/domain/statistics/processing.ts, so a past period reads the same tomorrow.
 */
import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { dossierEvents, dossiers, fields, procedures, units } from '../../db/schema.ts';
import { grantCovers, type Role } from '../../domain/access.ts';
import { TIME_ZONE, type WorkingCalendar } from '../../domain/calendar/index.ts';
import { deriveDossierState } from '../../domain/dossier/state.ts';
import type { DossierEvent } from '../../domain/dossier/types.ts';
import { AppError } from '../../domain/errors.ts';
import { dossierFacts } from '../../domain/statistics/facts.ts';
import {
  addCounts,
  type Channel,
  countDossier,
  emptyCounts,
  type PeriodBounds,
  periodBounds,
  type ProcessingCounts,
  type ProcessingFigures,
  withRates,
} from '../../domain/statistics/processing.ts';
import { figuresFromCumulative, zeroVector } from '../../domain/statistics/marks.ts';
import { calendarForUnit } from '../calendar/index.ts';
import { cumulativeAt } from '../rollups/index.ts';
import type { Actor, ServiceContext } from '../platform/index.ts';
import { requireUnit, type UnitRow } from '../access/index.ts';
import { durationOf } from '../../domain/catalog/procedure.ts';
import { loadProcess, procedureVersionContent } from '../catalog/index.ts';
import { eventOf } from '../../domain/dossier/index.ts';

/** Who reads reports: leaders, administrators and inspectors of the unit. */
export const REPORT_READERS: readonly Role[] = ['leader', 'unit_admin', 'system_admin', 'auditor'];

export type ProcessingGroupBy = 'unit' | 'field' | 'procedure';

export interface ProcessingQuery {
  unit: string;
  from: string;
  to: string;
  descendants: boolean;
  groupBy?: ProcessingGroupBy;
}

export type ProcessingRowKey =
  | { unitCode: string; unitName: string }
  | { fieldCode: string; fieldName: string }
  | { procedureCode: string; procedureName: string };

export interface ProcessingReport {
  unit: { code: string; name: string };
  from: string;
  to: string;
  descendants: boolean;
  groupBy: ProcessingGroupBy | null;
  /** The instant the figures are as of: the period's end, or now for a running period. */
  asOf: string;
  totals: ProcessingFigures;
  rows: Array<{ key: ProcessingRowKey } & ProcessingFigures>;
}

/**
 * The unit and, when asked, every unit below it, that the actor may read reports of (every one for
 * the public figures, `actor` null).
 */
async function unitsInScope(
  db: Db,
  actor: Actor | null,
  root: UnitRow,
  descendants: boolean,
): Promise<UnitRow[]> {
  // One read of the jurisdiction's units; ancestries walked in memory (a province has hundreds).
  const all = await db.select().from(units).where(eq(units.jurisdictionId, root.jurisdictionId));
  const byId = new Map(all.map((u) => [u.id, u]));
  const ancestry = (unit: UnitRow) => {
    const chain: string[] = [];
    for (
      let u: UnitRow | undefined = unit;
      u && chain.length < 32;
      u = u.parentId ? byId.get(u.parentId) : undefined
    )
      chain.push(u.id);
    return chain;
  };
  const covers = (unit: UnitRow) =>
    actor === null || grantCovers(actor.grants, REPORT_READERS, ancestry(unit));
  if (!covers(root)) {
    throw new AppError(403, 'forbidden', `Không có quyền xem báo cáo của đơn vị ${root.code}`);
  }
  if (!descendants) return [root];
  const children = new Map<string, UnitRow[]>();
  for (const u of all) {
    if (!u.parentId) continue;
    children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  }
  const out: UnitRow[] = [];
  const walk = (unit: UnitRow) => {
    out.push(unit);
    for (const child of children.get(unit.id) ?? []) if (covers(child)) walk(child);
  };
  walk(root);
  return out;
}

/** The events of these dossiers before `before`, per dossier in order (in batches: long id lists). */
async function eventsBefore(db: Db, ids: string[], before: Date): Promise<Map<string, DossierEvent[]>> {
  const byDossier = new Map<string, DossierEvent[]>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db
      .select()
      .from(dossierEvents)
      .where(and(inArray(dossierEvents.dossierId, ids.slice(i, i + 1000)), lt(dossierEvents.at, before)))
      .orderBy(asc(dossierEvents.dossierId), asc(dossierEvents.seq));
    for (const row of rows) {
      const list = byDossier.get(row.dossierId) ?? [];
      list.push(eventOf(row));
      byDossier.set(row.dossierId, list);
    }
  }
  return byDossier;
}

export interface ReportScope {
  root: UnitRow;
  period: PeriodBounds;
  scope: UnitRow[];
}

/** The unit, the period's instants and the units the report covers (403/404/400 as they apply). */
export async function reportScope(
  ctx: ServiceContext,
  actor: Actor | null,
  query: ProcessingQuery,
): Promise<ReportScope> {
  const db = ctx.database.db;
  const root = await requireUnit(db, query.unit, 'unit');
  let period: PeriodBounds;
  try {
    period = periodBounds(query.from, query.to, TIME_ZONE, ctx.clock());
  } catch {
    throw new AppError(400, 'invalid_period', 'Ngày không hợp lệ (cần dạng YYYY-MM-DD)', [
      { path: 'from', message: 'YYYY-MM-DD' },
    ]);
  }
  if (period.start.getTime() >= period.end.getTime()) {
    throw new AppError(400, 'invalid_period', 'Ngày bắt đầu phải không sau ngày kết thúc', [
      { path: 'to', message: 'to ≥ from' },
    ]);
  }
  return { root, period, scope: await unitsInScope(db, actor, root, query.descendants) };
}

function assemble(
  query: ProcessingQuery,
  { root, period, scope }: ReportScope,
  totals: ProcessingCounts,
  groups: Map<string, { key: ProcessingRowKey; counts: ProcessingCounts }>,
): ProcessingReport {
  // Units with nothing to report still get their (zero) row: a leader sees who did nothing.
  if (query.groupBy === 'unit') {
    for (const unit of scope) {
      if (!groups.has(unit.code))
        groups.set(unit.code, { key: { unitCode: unit.code, unitName: unit.name }, counts: emptyCounts() });
    }
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b, 'vi'));
  return {
    unit: { code: root.code, name: root.name },
    from: query.from,
    to: query.to,
    descendants: query.descendants,
    groupBy: query.groupBy ?? null,
    asOf: period.asOf.toISOString(),
    totals: withRates(totals),
    rows: ordered.map(([, g]) => ({ key: g.key, ...withRates(g.counts) })),
  };
}

/** The code and name of each procedure, and of its field (rows of a report by procedure or field). */
export async function procedureNames(
  db: Db,
  ids: readonly string[],
): Promise<
  Map<string, { procedure: { code: string; name: string }; field: { code: string; name: string } }>
> {
  const out = new Map<
    string,
    { procedure: { code: string; name: string }; field: { code: string; name: string } }
  >();
  if (!ids.length) return out;
  const rows = await db
    .select({
      id: procedures.id,
      code: procedures.code,
      name: procedures.name,
      fieldCode: fields.code,
      fieldName: fields.name,
    })
    .from(procedures)
    .innerJoin(fields, eq(fields.id, procedures.fieldId))
    .where(inArray(procedures.id, [...ids]));
  for (const r of rows)
    out.set(r.id, {
      procedure: { code: r.code, name: r.name },
      field: { code: r.fieldCode, name: r.fieldName },
    });
  return out;
}

/**
 * The processing report from the roll-ups: the cumulative counters at the period's start and at
 * its end (src/domain/statistics/marks.ts), per unit or procedure, a few dozen buckets per unit.
 */
export async function processingReport(
  ctx: ServiceContext,
  actor: Actor | null,
  query: ProcessingQuery,
): Promise<ProcessingReport> {
  const db = ctx.database.db;
  const s = await reportScope(ctx, actor, query);
  const unitIds = s.scope.map((u) => u.id);
  const by = query.groupBy === 'unit' ? 'unit' : query.groupBy ? 'procedure' : null;
  const startAt = new Date(Math.min(s.period.start.getTime(), s.period.asOf.getTime()));
  const [atStart, atEnd] = await Promise.all([
    cumulativeAt(db, unitIds, startAt, by),
    cumulativeAt(db, unitIds, s.period.asOf, by),
  ]);
  const unitById = new Map(s.scope.map((u) => [u.id, u]));
  const names =
    by === 'procedure'
      ? await procedureNames(db, [...new Set([...atStart.keys(), ...atEnd.keys()])])
      : new Map();
  const totals = emptyCounts();
  const groups = new Map<string, { key: ProcessingRowKey; counts: ProcessingCounts }>();
  for (const id of new Set([...atStart.keys(), ...atEnd.keys()])) {
    const counts = figuresFromCumulative(atStart.get(id) ?? zeroVector(), atEnd.get(id) ?? zeroVector());
    if (counts.total === 0) continue;
    addCounts(totals, counts);
    if (!query.groupBy) continue;
    let groupId: string;
    let key: ProcessingRowKey;
    if (query.groupBy === 'unit') {
      const unit = unitById.get(id)!;
      [groupId, key] = [unit.code, { unitCode: unit.code, unitName: unit.name }];
    } else {
      const p = names.get(id)!;
      [groupId, key] =
        query.groupBy === 'field'
          ? [p.field.code, { fieldCode: p.field.code, fieldName: p.field.name }]
          : [p.procedure.code, { procedureCode: p.procedure.code, procedureName: p.procedure.name }];
    }
    const group = groups.get(groupId) ?? { key, counts: emptyCounts() };
    addCounts(group.counts, counts);
    groups.set(groupId, group);
  }
  return assemble(query, s, totals, groups);
}

/**
 * The processing report by the naive route: every dossier of the units that the period can see
 * (received before its end and not finished before its start), folded from its events. The
 * reference the roll-ups are checked against (property test, benchmark); in batches, so memory
 * stays flat at national scale.
 */
export async function naiveProcessingReport(
  ctx: ServiceContext,
  actor: Actor | null,
  query: ProcessingQuery,
): Promise<ProcessingReport> {
  const db = ctx.database.db;
  const s = await reportScope(ctx, actor, query);
  const { period, scope } = s;
  const unitById = new Map(scope.map((u) => [u.id, u]));

  // Finished = resolved, or closed without a result (refused, withdrawn, cancelled).
  const finishedAt = sql`coalesce(${dossiers.resolvedAt}, ${dossiers.closedAt})`;
  const rows = await db
    .select({
      id: dossiers.id,
      channel: dossiers.channel,
      receivingUnitId: dossiers.receivingUnitId,
      procedureId: dossiers.procedureId,
      procedureVersion: dossiers.procedureVersion,
      processCode: dossiers.processCode,
      processVersion: dossiers.processVersion,
      procedureCode: dossiers.procedureCode,
      procedureName: procedures.name,
      fieldCode: fields.code,
      fieldName: fields.name,
    })
    .from(dossiers)
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .innerJoin(fields, eq(fields.id, procedures.fieldId))
    .where(
      and(
        inArray(dossiers.receivingUnitId, [...unitById.keys()]),
        lt(dossiers.receivedAt, period.asOf),
        sql`(${finishedAt} is null or ${finishedAt} >= ${period.start})`,
      ),
    );
  const calendars = new Map<string, WorkingCalendar>();
  const groups = new Map<string, { key: ProcessingRowKey; counts: ProcessingCounts }>();
  const totals = emptyCounts();
  let events = new Map<string, DossierEvent[]>();
  for (const [i, row] of rows.entries()) {
    if (i % 1000 === 0)
      events = await eventsBefore(
        db,
        rows.slice(i, i + 1000).map((r) => r.id),
        period.asOf,
      );
    const history = events.get(row.id);
    if (!history?.length) continue;
    const unit = unitById.get(row.receivingUnitId)!;
    let calendar = calendars.get(unit.id);
    if (!calendar) {
      calendar = (await calendarForUnit(db, unit)).calendar;
      calendars.set(unit.id, calendar);
    }
    const procedure = await procedureVersionContent(db, row.procedureId, row.procedureVersion);
    const { definition } = await loadProcess(db, row.processCode, row.processVersion);
    const state = deriveDossierState(definition, history, {
      calendar,
      duration: durationOf(procedure.processingTime),
      supplementMode: definition.supplementMode,
    });
    const counts = emptyCounts();
    countDossier(counts, dossierFacts(state, row.channel as Channel, calendar), period);
    if (counts.total === 0) continue;
    addCounts(totals, counts);
    if (!query.groupBy) continue;
    const [id, key]: [string, ProcessingRowKey] =
      query.groupBy === 'unit'
        ? [unit.code, { unitCode: unit.code, unitName: unit.name }]
        : query.groupBy === 'field'
          ? [row.fieldCode, { fieldCode: row.fieldCode, fieldName: row.fieldName }]
          : [row.procedureCode, { procedureCode: row.procedureCode, procedureName: row.procedureName }];
    const group = groups.get(id) ?? { key, counts: emptyCounts() };
    addCounts(group.counts, counts);
    groups.set(id, group);
  }

  return assemble(query, s, totals, groups);
}
