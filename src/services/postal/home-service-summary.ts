/** The home-service requests of a unit received in a period, counted for the reports. */
import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { HomeServiceSummary } from '../../contracts/postal.ts';
import { homeServiceRequests } from '../../db/schema.ts';
import { HOME_SERVICE_REASONS, HOME_SERVICE_STATUSES } from '../../domain/postal/home-service.ts';
import { requireUnit } from '../access/index.ts';
import type { Actor, ServiceContext } from '../platform/index.ts';
import {
  dayEnd,
  dayStart,
  fieldError,
  requireHomeServiceStaff,
  SUMMARY_READERS,
} from './home-service-rules.ts';

export type { HomeServiceSummary };

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** The requests received in the period (local days) by kind and status, by reason and by channel. */
export async function homeServiceSummary(
  ctx: ServiceContext,
  actor: Actor,
  query: { unit: string; from: string; to: string },
): Promise<HomeServiceSummary> {
  const db = ctx.database.db;
  const unit = await requireUnit(db, query.unit);
  await requireHomeServiceStaff(db, actor, unit, SUMMARY_READERS);
  if (query.from > query.to) throw fieldError('to', 'Ngày kết thúc phải sau ngày bắt đầu');
  const rows = await db
    .select({
      kind: homeServiceRequests.kind,
      status: homeServiceRequests.status,
      reason: homeServiceRequests.reason,
      via: homeServiceRequests.requestedVia,
      n: sql<number>`count(*)::int`,
    })
    .from(homeServiceRequests)
    .where(
      and(
        eq(homeServiceRequests.unitId, unit.id),
        gte(homeServiceRequests.createdAt, dayStart(query.from)),
        lte(homeServiceRequests.createdAt, dayEnd(query.to)),
      ),
    )
    .groupBy(
      homeServiceRequests.kind,
      homeServiceRequests.status,
      homeServiceRequests.reason,
      homeServiceRequests.requestedVia,
    );
  const summary: HomeServiceSummary = {
    unit: { code: unit.code, name: unit.name },
    from: query.from,
    to: query.to,
    total: 0,
    byKind: {
      pickup: { total: 0, ...zeros(HOME_SERVICE_STATUSES) },
      return: { total: 0, ...zeros(HOME_SERVICE_STATUSES) },
    },
    byStatus: zeros(HOME_SERVICE_STATUSES),
    byReason: zeros(HOME_SERVICE_REASONS),
    byVia: zeros(['online', 'hotline', 'counter'] as const),
  };
  for (const r of rows) {
    const n = Number(r.n);
    summary.total += n;
    summary.byKind[r.kind].total += n;
    summary.byKind[r.kind][r.status] += n;
    summary.byStatus[r.status] += n;
    summary.byReason[r.reason] += n;
    summary.byVia[r.via] += n;
  }
  return summary;
}
