/**
 * The reports besides form 06 (src/domain/statistics/table-reports.ts): satisfaction, online and
 * cashless shares, postal service, digitisation and per-officer work from the activity roll-ups;
 * feedback from the feedback items. Same scope rules as the processing report (the unit, and the
 * units below it that the reader may see), rows by unit, field, procedure or officer, and totals.
 */
import { and, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { dossiers, feedback, users } from '../../db/schema.ts';
import { AppError } from '../../domain/errors.ts';
import { addActivity } from '../../domain/statistics/activity.ts';
import {
  type ActivityReportKind,
  type AssistedCounts,
  activityFigures,
  assistedFigures,
  addFeedbackCounts,
  type ColumnSpec,
  countFeedback,
  emptyFeedbackCounts,
  type FeedbackCounts,
  type Figures,
  feedbackFigures,
  TABLE_REPORTS,
  type TableGroupBy,
  type TableReportKind,
  serviceDayFigures,
} from '../../domain/statistics/table-reports.ts';
import { addServiceDayCounts, emptyServiceDayCounts } from '../../domain/calendar/service-days.ts';
import { localDateOf, TIME_ZONE } from '../../domain/calendar/index.ts';
import { serviceDayCountsByUnit } from '../calendar/index.ts';
import type { Actor, ServiceContext } from '../platform/index.ts';
import { FEEDBACK_CATEGORIES } from '../feedback/index.ts';
import {
  type ActivityKey,
  activityTotals,
  lastActivityDay,
  NO_OFFICER,
  zeroActivity,
} from '../rollups/index.ts';
import { procedureNames, type ReportScope, reportScope } from './reports.ts';
import { assistedCitizens, assistedSubmissions } from '../community/index.ts';

export interface TableReportQuery {
  unit: string;
  from: string;
  to: string;
  descendants: boolean;
  groupBy?: TableGroupBy | undefined;
}

export interface TableRowKey {
  code: string;
  name: string;
}

export interface TableReport {
  kind: TableReportKind;
  title: string;
  unit: { code: string; name: string };
  from: string;
  to: string;
  descendants: boolean;
  groupBy: TableGroupBy;
  asOf: string;
  columns: ColumnSpec[];
  totals: Figures;
  rows: Array<{ key: TableRowKey; figures: Figures }>;
}

/** How the work nobody here did is named in a per-officer row. */
export const NOBODY: TableRowKey = {
  code: '',
  name: 'Không gắn với cán bộ (dữ liệu nhập, thanh toán qua cổng)',
};

function badGroupBy(kind: TableReportKind, groupBy: string): AppError {
  return new AppError(400, 'validation_failed', `Báo cáo ${kind} không nhóm theo ${groupBy}`, [
    { path: 'groupBy', message: `một trong: ${TABLE_REPORTS[kind].groupBy.join(', ')}` },
  ]);
}

async function officerNames(db: Db, ids: string[]): Promise<Map<string, TableRowKey>> {
  const out = new Map<string, TableRowKey>([[NO_OFFICER, NOBODY]]);
  const real = ids.filter((id) => id !== NO_OFFICER);
  if (real.length)
    for (const u of await db
      .select({ id: users.id, username: users.username, fullName: users.fullName })
      .from(users)
      .where(inArray(users.id, real)))
      out.set(u.id, { code: u.username, name: u.fullName });
  return out;
}

/** The officers' dossiers in hand now (assigned, not closed) and how many of those are overdue. */
async function inHandNow(
  db: Db,
  s: ReportScope,
  now: Date,
): Promise<Map<string, { inHand: number; overdue: number }>> {
  const out = new Map<string, { inHand: number; overdue: number }>();
  const rows = await db
    .select({
      officerId: dossiers.assigneeId,
      inHand: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) filter (where ${dossiers.status} = 'in_progress' and ${dossiers.resolvedAt} is null and ${dossiers.dueAt} < ${now.toISOString()}::timestamptz))::int`,
    })
    .from(dossiers)
    .where(
      and(
        inArray(
          dossiers.currentUnitId,
          s.scope.map((u) => u.id),
        ),
        isNotNull(dossiers.assigneeId),
        isNull(dossiers.closedAt),
      ),
    )
    .groupBy(dossiers.assigneeId);
  for (const r of rows) out.set(r.officerId!, { inHand: Number(r.inHand), overdue: Number(r.overdue) });
  return out;
}

const hasAny = (f: Figures) =>
  Object.values(f).some((v) => (typeof v === 'number' ? v !== 0 : v !== null && v.denominator !== 0));

export async function tableReport(
  ctx: ServiceContext,
  actor: Actor,
  kind: TableReportKind,
  query: TableReportQuery,
): Promise<TableReport> {
  const spec = TABLE_REPORTS[kind];
  const groupBy = query.groupBy ?? spec.groupBy[0]!;
  if (!spec.groupBy.includes(groupBy)) throw badGroupBy(kind, groupBy);
  const s = await reportScope(ctx, actor, { ...query, groupBy: undefined });
  const result =
    kind === 'feedback'
      ? await feedbackTable(ctx, s, groupBy)
      : kind === 'assisted'
        ? await assistedTable(ctx, s, groupBy)
        : kind === 'service-days'
          ? await serviceDaysTable(ctx, s)
          : await activityTable(ctx, s, kind, query, groupBy);
  return {
    kind,
    title: spec.title.vi,
    unit: { code: s.root.code, name: s.root.name },
    from: query.from,
    to: query.to,
    descendants: query.descendants,
    groupBy,
    asOf: s.period.asOf.toISOString(),
    columns: [...spec.columns],
    ...result,
  };
}

async function activityTable(
  ctx: ServiceContext,
  s: ReportScope,
  kind: ActivityReportKind,
  query: TableReportQuery,
  groupBy: TableGroupBy,
): Promise<Pick<TableReport, 'totals' | 'rows'>> {
  const db = ctx.database.db;
  const by: ActivityKey =
    groupBy === 'unit'
      ? 'unit'
      : groupBy === 'officer'
        ? 'officer'
        : groupBy === 'procedure' || groupBy === 'field'
          ? 'procedure'
          : null;
  const activity = await activityTotals(
    db,
    s.scope.map((u) => u.id),
    query.from,
    lastActivityDay(query.to, ctx.clock()),
    by,
  );
  const total = zeroActivity();
  for (const v of activity.values()) addActivity(total, v);

  const groups = new Map<string, { key: TableRowKey; v: ReturnType<typeof zeroActivity> }>();
  const group = (id: string, key: TableRowKey) => {
    const g = groups.get(id) ?? { key, v: zeroActivity() };
    groups.set(id, g);
    return g;
  };
  if (groupBy === 'unit') {
    const unitById = new Map(s.scope.map((u) => [u.id, u]));
    // Every unit of the scope gets its row, zero or not: a leader sees who did nothing.
    for (const u of s.scope) group(u.code, { code: u.code, name: u.name });
    for (const [id, v] of activity) {
      const u = unitById.get(id);
      if (u) addActivity(group(u.code, { code: u.code, name: u.name }).v, v);
    }
  } else if (groupBy === 'procedure' || groupBy === 'field') {
    const names = await procedureNames(db, [...activity.keys()]);
    for (const [id, v] of activity) {
      const n = names.get(id);
      if (!n) continue;
      const key = groupBy === 'field' ? n.field : n.procedure;
      addActivity(group(key.code, key).v, v);
    }
  } else {
    const running = s.period.asOf.getTime() < s.period.end.getTime();
    const hand = kind === 'officers' && running ? await inHandNow(db, s, ctx.clock()) : new Map();
    const names = await officerNames(db, [...new Set([...activity.keys(), ...hand.keys()])]);
    for (const id of new Set([...activity.keys(), ...hand.keys()]))
      addActivity(group(id, names.get(id) ?? { code: id, name: id }).v, activity.get(id) ?? {});
    const rows = [...groups.entries()].map(([id, g]) => {
      const figures = activityFigures(kind, g.v);
      if (kind === 'officers' && running) {
        figures.inHandNow = hand.get(id)?.inHand ?? 0;
        figures.overdueNow = hand.get(id)?.overdue ?? 0;
      }
      return { key: g.key, figures };
    });
    const totals = activityFigures(kind, total);
    if (kind === 'officers' && running) {
      totals.inHandNow = [...hand.values()].reduce((a, h) => a + h.inHand, 0);
      totals.overdueNow = [...hand.values()].reduce((a, h) => a + h.overdue, 0);
    }
    return {
      totals,
      rows: rows
        .filter((r) => hasAny(r.figures))
        // Nobody's row last; officers by name.
        .sort((a, b) =>
          a.key === NOBODY ? 1 : b.key === NOBODY ? -1 : a.key.name.localeCompare(b.key.name, 'vi'),
        ),
    };
  }
  const rows = [...groups.values()]
    .map((g) => ({ key: g.key, figures: activityFigures(kind, g.v) }))
    .filter((r) => groupBy === 'unit' || hasAny(r.figures))
    .sort((a, b) => a.key.code.localeCompare(b.key.code, 'vi'));
  return { totals: activityFigures(kind, total), rows };
}

async function feedbackTable(
  ctx: ServiceContext,
  s: ReportScope,
  groupBy: TableGroupBy,
): Promise<Pick<TableReport, 'totals' | 'rows'>> {
  const db = ctx.database.db;
  const { start, asOf } = s.period;
  // What the period can see: received before its end, not answered or closed before its start.
  const items = await db
    .select({
      unitId: feedback.unitId,
      category: feedback.category,
      source: feedback.source,
      status: feedback.status,
      createdAt: feedback.createdAt,
      dueAt: feedback.dueAt,
      answeredAt: feedback.answeredAt,
      updatedAt: feedback.updatedAt,
    })
    .from(feedback)
    .where(
      and(
        inArray(
          feedback.unitId,
          s.scope.map((u) => u.id),
        ),
        lt(feedback.createdAt, asOf),
        or(isNull(feedback.answeredAt), sql`${feedback.answeredAt} >= ${start.toISOString()}::timestamptz`),
      ),
    );
  const unitById = new Map(s.scope.map((u) => [u.id, u]));
  const categoryName = new Map<string, string>(FEEDBACK_CATEGORIES.map((c) => [c.code, c.name]));
  const totals = emptyFeedbackCounts();
  const groups = new Map<string, { key: TableRowKey; c: FeedbackCounts }>();
  if (groupBy === 'unit')
    for (const u of s.scope)
      groups.set(u.code, { key: { code: u.code, name: u.name }, c: emptyFeedbackCounts() });
  for (const f of items) {
    const c = emptyFeedbackCounts();
    countFeedback(
      c,
      {
        createdAt: f.createdAt,
        dueAt: f.dueAt,
        answeredAt: f.answeredAt,
        // Closed without an answer: the last change is when it was closed.
        closedAt: f.status === 'closed' && !f.answeredAt ? f.updatedAt : null,
      },
      start,
      asOf,
    );
    addFeedbackCounts(totals, c);
    const key: TableRowKey =
      groupBy === 'unit'
        ? { code: unitById.get(f.unitId)!.code, name: unitById.get(f.unitId)!.name }
        : groupBy === 'category'
          ? { code: f.category, name: categoryName.get(f.category) ?? f.category }
          : { code: f.source, name: f.source };
    const g = groups.get(key.code) ?? { key, c: emptyFeedbackCounts() };
    groups.set(key.code, g);
    addFeedbackCounts(g.c, c);
  }
  const rows = [...groups.values()]
    .map((g) => ({ key: g.key, figures: feedbackFigures(g.c) }))
    .filter((r) => groupBy === 'unit' || hasAny(r.figures))
    .sort((a, b) => a.key.code.localeCompare(b.key.code, 'vi'));
  return { totals: feedbackFigures(totals), rows };
}

function emptyAssisted(): AssistedCounts {
  return { submitted: 0, citizens: 0, accepted: 0, refused: 0, waiting: 0 };
}

/** Assisted submissions by the teams of the scope, by team, village, unit or assistant. */
async function assistedTable(
  ctx: ServiceContext,
  s: ReportScope,
  groupBy: TableGroupBy,
): Promise<Pick<TableReport, 'totals' | 'rows'>> {
  const db = ctx.database.db;
  const unitIds = s.scope.map((u) => u.id);
  const { start, asOf } = s.period;
  const found = await assistedSubmissions(db, unitIds, start, asOf);
  const unitById = new Map(s.scope.map((u) => [u.id, u]));
  const names =
    groupBy === 'officer' ? await officerNames(db, [...new Set(found.map((r) => r.assistantId))]) : null;
  const groups = new Map<string, { key: TableRowKey; c: AssistedCounts }>();
  if (groupBy === 'unit')
    for (const u of s.scope) groups.set(u.code, { key: { code: u.code, name: u.name }, c: emptyAssisted() });
  const total = emptyAssisted();
  for (const r of found) {
    const unit = unitById.get(r.unitId)!;
    const key: TableRowKey =
      groupBy === 'team'
        ? { code: r.teamId, name: `${r.teamName} (${unit.name})` }
        : groupBy === 'village'
          ? { code: `${unit.code}/${r.village}`, name: `${r.village}, ${unit.name}` }
          : groupBy === 'unit'
            ? { code: unit.code, name: unit.name }
            : (names!.get(r.assistantId) ?? { code: r.assistantId, name: r.assistantId });
    const g = groups.get(key.code) ?? { key, c: emptyAssisted() };
    groups.set(key.code, g);
    for (const k of Object.keys(total) as (keyof AssistedCounts)[]) {
      g.c[k] += r.counts[k];
      total[k] += r.counts[k];
    }
  }
  // A citizen helped twice (or by two teams) is one citizen in the total.
  total.citizens = await assistedCitizens(db, unitIds, start, asOf);
  const rows = [...groups.values()]
    .map((g) => ({ key: g.key, figures: assistedFigures(g.c) }))
    .sort((a, b) => a.key.name.localeCompare(b.key.name, 'vi'));
  return { totals: assistedFigures(total), rows };
}

/** No-appointment and no-writing days of each unit in the period and what they received on them. */
async function serviceDaysTable(
  ctx: ServiceContext,
  s: ReportScope,
): Promise<Pick<TableReport, 'totals' | 'rows'>> {
  const from = localDateOf(s.period.start, TIME_ZONE);
  // The period's last day (asOf is exclusive).
  const to = localDateOf(new Date(s.period.asOf.getTime() - 1), TIME_ZONE);
  const counts = await serviceDayCountsByUnit(
    ctx.database.db,
    s.scope.map((u) => u.id),
    from,
    to,
  );
  const total = emptyServiceDayCounts();
  const rows = s.scope
    .map((u) => {
      const c = counts.get(u.id) ?? emptyServiceDayCounts();
      addServiceDayCounts(total, c);
      return { key: { code: u.code, name: u.name }, figures: serviceDayFigures(c) };
    })
    .sort((a, b) => a.key.code.localeCompare(b.key.code, 'vi'));
  return { totals: serviceDayFigures(total), rows };
}
