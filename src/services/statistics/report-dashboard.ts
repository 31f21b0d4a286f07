/**
 * The leader's dashboard and its drill-down. Every figure comes from the same roll-ups and marks as
 * the processing report, so the list behind a number has exactly that many dossiers.
 */
import {
  type Dashboard,
  type DashboardMonth,
  DRILL_CATEGORIES,
  type DrillCategory,
  type DrillItem,
} from '../../contracts/statistics.ts';
import { sql } from 'drizzle-orm';
import { type Db, rowsOf, timestampOf } from '../../db/client.ts';
import { TIME_ZONE } from '../../domain/calendar/index.ts';
import { localDateOf } from '../../domain/calendar/time.ts';
import { AppError } from '../../domain/errors.ts';
import { figuresFromCumulative, zeroVector } from '../../domain/statistics/marks.ts';
import { addCounts, emptyCounts, ratio, withRates } from '../../domain/statistics/processing.ts';
import { cashlessRate, ratingCounts, satisfactionRate } from '../../domain/statistics/table-reports.ts';
import type { Actor, ServiceContext } from '../platform/index.ts';
import { activityTotals, lastActivityDay, sumActivity, type ActivityVector } from '../rollups/index.ts';
import { cumulativeAt } from '../rollups/index.ts';
import { type ProcessingQuery, reportScope } from './reports.ts';

export type { Dashboard, DashboardMonth };

/** Local month starts (YYYY-MM-01) from the month of `from` to the one after `to`'s month. */
function monthStarts(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endKey = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(`${key}-01`);
    if (key > endKey) break;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

const localMidnight = (day: string) => new Date(`${day}T00:00:00+07:00`);

export async function dashboard(
  ctx: ServiceContext,
  actor: Actor,
  query: ProcessingQuery,
): Promise<Dashboard> {
  const db = ctx.database.db;
  const s = await reportScope(ctx, actor, query);
  const ids = s.scope.map((u) => u.id);
  const start = s.period.start;
  const asOf = s.period.asOf;

  // Month boundaries inside the period, clipped to it and to now.
  const boundaries = [
    start,
    ...monthStarts(query.from, query.to)
      .slice(1)
      .map(localMidnight)
      .filter((d) => d.getTime() > start.getTime() && d.getTime() < s.period.end.getTime()),
    s.period.end,
  ].map((d) => new Date(Math.min(d.getTime(), asOf.getTime())));
  const cumulative = await Promise.all(boundaries.map((b) => cumulativeAt(db, ids, b, 'unit')));
  const sum = (m: Map<string, ReturnType<typeof zeroVector>>) => {
    const v = zeroVector();
    for (const x of m.values()) for (const k of Object.keys(v) as Array<keyof typeof v>) v[k] += x[k];
    return v;
  };
  const months: DashboardMonth[] = [];
  for (let i = 0; i + 1 < boundaries.length; i++) {
    if (boundaries[i]!.getTime() >= boundaries[i + 1]!.getTime() && i > 0) break;
    const c = figuresFromCumulative(sum(cumulative[i]!), sum(cumulative[i + 1]!));
    months.push({
      month: localDateOf(new Date(boundaries[i]!.getTime()), TIME_ZONE).slice(0, 7),
      received: c.received,
      resolved: c.resolved,
      overdueAtEnd: c.inProgress.overdue,
      onlineRate: ratio(c.received.online, c.received.total),
    });
  }
  const first = cumulative[0]!;
  const last = cumulative[cumulative.length - 1]!;
  const totals = emptyCounts();
  const byUnit: Dashboard['byUnit'] = [];
  for (const unit of s.scope) {
    const c = figuresFromCumulative(first.get(unit.id) ?? zeroVector(), last.get(unit.id) ?? zeroVector());
    addCounts(totals, c);
    byUnit.push({ unitCode: unit.code, unitName: unit.name, ...withRates(c) });
  }

  const { cashlessRate, satisfaction } = await periodActivity(ctx, ids, query.from, query.to);

  const overdue = await drillDown(ctx, actor, {
    ...query,
    category: 'inProgress.overdue',
    limit: 0,
    offset: 0,
  });
  return {
    unit: { code: s.root.code, name: s.root.name },
    from: query.from,
    to: query.to,
    asOf: asOf.toISOString(),
    totals: withRates(totals),
    onlineRate: ratio(totals.received.online, totals.received.total),
    cashlessRate,
    satisfaction,
    months,
    byUnit,
    overdueByStep: overdue.bySteps,
  };
}

/**
 * The activity of these units over the local dates from..to (up to today: nothing lies after now),
 * with the rates the dashboard, the index and the public page show: fees paid without cash among
 * fees paid, satisfied ratings among ratings given.
 */
export async function periodActivity(
  ctx: ServiceContext,
  unitIds: readonly string[],
  from: string,
  to: string,
): Promise<Pick<Dashboard, 'cashlessRate' | 'satisfaction'> & { activity: ActivityVector }> {
  const activity = sumActivity(
    await activityTotals(ctx.database.db, unitIds, from, lastActivityDay(to, ctx.clock()), null),
  );
  return {
    activity,
    cashlessRate: cashlessRate(activity),
    satisfaction: { rate: satisfactionRate(activity), levels: ratingCounts(activity) },
  };
}

export { DRILL_CATEGORIES, type DrillCategory };

export interface DrillQuery extends ProcessingQuery {
  category: DrillCategory;
  /** Only the dossiers received at this unit (a row of the report by unit). */
  unitCode?: string | undefined;
  limit: number;
  offset: number;
}

export type { DrillItem };

const RECEIVED = 'received_online + received_counter + received_postal';
const FINISHED = 'resolved_early + resolved_on_time + resolved_late + refused + withdrawn';

/**
 * Flows: a mark of that kind inside the period. Stocks: the sums of the dossier's marks before an
 * instant (`s.received`, `s.finished`, `s.overdue`, `s.paused`), the same rule as the figure.
 */
const CATEGORY_SQL: Record<DrillCategory, { flow?: string; stockAt?: 'start' | 'asOf'; stock?: string }> = {
  carriedOver: { stockAt: 'start', stock: 's.received > 0 and s.finished = 0' },
  received: { flow: `${RECEIVED} > 0` },
  'received.online': { flow: 'received_online > 0' },
  'received.counter': { flow: 'received_counter > 0' },
  'received.postal': { flow: 'received_postal > 0' },
  resolved: { flow: 'resolved_early + resolved_on_time + resolved_late > 0' },
  'resolved.early': { flow: 'resolved_early > 0' },
  'resolved.onTime': { flow: 'resolved_on_time > 0' },
  'resolved.late': { flow: 'resolved_late > 0' },
  refused: { flow: 'refused > 0' },
  withdrawn: { flow: 'withdrawn > 0' },
  inProgress: { stockAt: 'asOf', stock: 's.received > 0 and s.finished = 0' },
  'inProgress.notDue': { stockAt: 'asOf', stock: 's.received > 0 and s.finished = 0 and s.overdue = 0' },
  'inProgress.overdue': { stockAt: 'asOf', stock: 's.overdue > 0' },
  'inProgress.paused': { stockAt: 'asOf', stock: 's.paused > 0' },
};

/**
 * The dossiers behind one figure of the processing report (same scope, period and rules), newest
 * reception first, with their count and, for the overdue, how many are at each step.
 */
export async function drillDown(
  ctx: ServiceContext,
  actor: Actor,
  query: DrillQuery,
): Promise<{ total: number; items: DrillItem[]; bySteps: Array<{ step: string; count: number }> }> {
  const db: Db = ctx.database.db;
  const s = await reportScope(ctx, actor, query);
  let scope = s.scope;
  if (query.unitCode) {
    scope = scope.filter((u) => u.code === query.unitCode);
    if (!scope.length)
      throw new AppError(400, 'validation_failed', `Đơn vị ${query.unitCode} không thuộc phạm vi báo cáo`, [
        { path: 'unitCode', message: 'ngoài phạm vi báo cáo' },
      ]);
  }
  const ids = sql.join(
    scope.map((u) => sql`${u.id}::uuid`),
    sql`, `,
  );
  const asOf = s.period.asOf;
  const start = new Date(Math.min(s.period.start.getTime(), asOf.getTime()));
  const rule = CATEGORY_SQL[query.category];
  const instant = (rule.stockAt === 'start' ? start : asOf).toISOString();
  // A stock (in hand at an instant) is among the dossiers received by then and not finished before
  // then: the in-hand index finds those few, and each one's own marks (its primary key) decide, by
  // a lateral sum, instead of summing every mark of the scope.
  const matching = rule.flow
    ? sql`select distinct dossier_id from report_marks where unit_id in (${ids})
            and at >= ${start.toISOString()}::timestamptz and at < ${asOf.toISOString()}::timestamptz
            and ${sql.raw(rule.flow)}`
    : sql`select d.id as dossier_id from dossiers d
            cross join lateral (
              select coalesce(sum(${sql.raw(RECEIVED)}), 0) as received, coalesce(sum(${sql.raw(FINISHED)}), 0) as finished,
                     coalesce(sum(overdue), 0) as overdue, coalesce(sum(paused), 0) as paused
              from report_marks m where m.dossier_id = d.id and m.at < ${instant}::timestamptz) s
            where tstzrange(least(d.received_at, coalesce(d.resolved_at, d.closed_at)), coalesce(d.resolved_at, d.closed_at), '[]')
                    @> ${instant}::timestamptz
              and d.receiving_unit_id in (${ids})
              and ${sql.raw(rule.stock!)}`;
  // The overdue also come by step (the dashboard's chart); their count is the sum: one pass, not two.
  const bySteps =
    query.category === 'inProgress.overdue'
      ? rowsOf<{ step: string; count: number }>(
          await db.execute(sql`
            select coalesce(d.step, '') as step, count(*)::int as count
            from (${matching}) m join dossiers d on d.id = m.dossier_id
            group by 1 order by 2 desc, 1`),
        ).map((r) => ({ step: r.step, count: Number(r.count) }))
      : [];
  const total =
    query.category === 'inProgress.overdue'
      ? bySteps.reduce((a, r) => a + r.count, 0)
      : Number(
          rowsOf<{ total: number }>(
            await db.execute(sql`select count(*)::int as total from (${matching}) m`),
          )[0]?.total ?? 0,
        );
  const items =
    query.limit > 0
      ? rowsOf<Record<string, unknown>>(
          await db.execute(sql`
            select d.code, d.procedure_code, p.name as procedure_name, u.code as unit_code, u.name as unit_name,
                   d.channel, d.status, d.step, a.full_name as assignee_name,
                   d.received_at, d.due_at, d.resolved_at, d.closed_at
            from (${matching}) m
            join dossiers d on d.id = m.dossier_id
            join procedures p on p.id = d.procedure_id
            join units u on u.id = d.receiving_unit_id
            left join users a on a.id = d.assignee_id
            order by d.received_at desc, d.code
            limit ${query.limit} offset ${query.offset}`),
        ).map(
          (r): DrillItem => ({
            code: String(r.code),
            procedureCode: String(r.procedure_code),
            procedureName: String(r.procedure_name),
            unitCode: String(r.unit_code),
            unitName: String(r.unit_name),
            channel: String(r.channel),
            status: String(r.status),
            step: (r.step as string | null) ?? null,
            assigneeName: (r.assignee_name as string | null) ?? null,
            receivedAt: iso(r.received_at)!,
            dueAt: iso(r.due_at)!,
            resolvedAt: iso(r.resolved_at),
            closedAt: iso(r.closed_at),
          }),
        )
      : [];
  return { total, items, bySteps };
}

/** Timestamps come back as Date (node-postgres) or text (PGlite via execute): ISO either way. */
function iso(v: unknown): string | null {
  return v === null || v === undefined ? null : timestampOf(v).toISOString();
}
