/** The queue's figures of a unit for a period, by service, counter or officer. */
import { sql } from 'drizzle-orm';
import type { QueueStatisticsRow } from '../../contracts/queue.ts';
import { rowsOf } from '../../db/client.ts';
import { AppError } from '../../domain/errors.ts';
import { requireUnit, rolesAt } from '../access/index.ts';
import type { Actor, ServiceContext } from '../platform/index.ts';

export type { QueueStatisticsRow };

/**
 * The queue's figures for local dates from..to by service, counter or officer: tickets, served,
 * absent, average wait and service time (from the tickets' own timestamps, never typed in).
 */
export async function queueStatistics(
  ctx: ServiceContext,
  actor: Actor,
  query: { unit: string; from: string; to: string; groupBy: 'service' | 'counter' | 'officer' },
): Promise<{
  unit: { code: string; name: string };
  from: string;
  to: string;
  groupBy: string;
  totals: Omit<QueueStatisticsRow, 'key'>;
  rows: QueueStatisticsRow[];
}> {
  const db = ctx.database.db;
  const unit = await requireUnit(db, query.unit, 'unitCode');
  const roles = await rolesAt(db, actor.grants, unit.id);
  if (![...roles].some((r) => r !== 'citizen'))
    throw new AppError(403, 'forbidden', `Không có quyền xem số liệu xếp hàng của đơn vị ${unit.code}`);
  if (query.to < query.from)
    throw new AppError(400, 'invalid_period', 'Ngày bắt đầu phải không sau ngày kết thúc', [
      { path: 'to', message: 'to ≥ from' },
    ]);
  const key =
    query.groupBy === 'service'
      ? sql`t.service_code`
      : query.groupBy === 'counter'
        ? sql`coalesce(c.number::text, '')`
        : sql`coalesce(t.officer_id::text, '')`;
  const name =
    query.groupBy === 'service'
      ? sql`coalesce(max(s.name), t.service_code)`
      : query.groupBy === 'counter'
        ? sql`coalesce(max(c.name), '')`
        : sql`coalesce(max(u.full_name), '')`;
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select ${key} as code, ${name} as name,
        count(*)::int as tickets,
        count(*) filter (where t.status = 'done')::int as served,
        count(*) filter (where t.status = 'no_show')::int as no_shows,
        avg(extract(epoch from (t.called_at - t.created_at)) / 60) filter (where t.called_at is not null)::float8 as wait,
        avg(extract(epoch from (t.finished_at - t.serving_at)) / 60) filter (where t.status = 'done' and t.serving_at is not null)::float8 as service,
        sum(extract(epoch from (t.called_at - t.created_at)) / 60) filter (where t.called_at is not null)::float8 as wait_sum,
        count(*) filter (where t.called_at is not null)::int as wait_n,
        sum(extract(epoch from (t.finished_at - t.serving_at)) / 60) filter (where t.status = 'done' and t.serving_at is not null)::float8 as service_sum,
        count(*) filter (where t.status = 'done' and t.serving_at is not null)::int as service_n
      from queue_tickets t
      left join queue_services s on s.unit_id = t.unit_id and s.code = t.service_code
      left join queue_counters c on c.id = t.counter_id
      left join users u on u.id = t.officer_id
      where t.unit_id = ${unit.id}::uuid and t.local_date >= ${query.from}::date and t.local_date <= ${query.to}::date
      group by 1 order by 1`),
  );
  const round = (x: unknown) => (x === null || x === undefined ? null : Math.round(Number(x) * 10) / 10);
  const totals = { tickets: 0, served: 0, noShows: 0, waitSum: 0, waitN: 0, serviceSum: 0, serviceN: 0 };
  for (const r of rows) {
    totals.tickets += Number(r.tickets);
    totals.served += Number(r.served);
    totals.noShows += Number(r.no_shows);
    totals.waitSum += Number(r.wait_sum ?? 0);
    totals.waitN += Number(r.wait_n);
    totals.serviceSum += Number(r.service_sum ?? 0);
    totals.serviceN += Number(r.service_n);
  }
  return {
    unit: { code: unit.code, name: unit.name },
    from: query.from,
    to: query.to,
    groupBy: query.groupBy,
    totals: {
      tickets: totals.tickets,
      served: totals.served,
      noShows: totals.noShows,
      averageWaitMinutes: totals.waitN ? round(totals.waitSum / totals.waitN) : null,
      averageServiceMinutes: totals.serviceN ? round(totals.serviceSum / totals.serviceN) : null,
    },
    rows: rows.map((r) => ({
      key: { code: String(r.code), name: String(r.name) },
      tickets: Number(r.tickets),
      served: Number(r.served),
      noShows: Number(r.no_shows),
      averageWaitMinutes: round(r.wait),
      averageServiceMinutes: round(r.service),
    })),
  };
}
