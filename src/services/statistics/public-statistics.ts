/**
 * The public transparency figures of a unit and the units below it (no login, no personal data):
 * this month's and this year's processing report, the on-time, online and satisfaction rates.
 * The same formulas as the staff report (src/services/statistics/reports.ts), never a separate count.
 */
import type { PublicPeriodFigures, PublicStatistics } from '../../contracts/statistics.ts';
import { eq } from 'drizzle-orm';
import { units } from '../../db/schema.ts';
import { localDateOf, TIME_ZONE } from '../../domain/calendar/index.ts';
import { ratio } from '../../domain/statistics/processing.ts';
import type { ServiceContext } from '../platform/index.ts';
import { periodActivity } from './report-dashboard.ts';
import { processingReport } from './reports.ts';
import { requireUnit } from '../access/index.ts';

export type { PublicPeriodFigures, PublicStatistics };

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

async function subtreeIds(ctx: ServiceContext, rootId: string, jurisdictionId: string): Promise<string[]> {
  const all = await ctx.database.db.select().from(units).where(eq(units.jurisdictionId, jurisdictionId));
  const ids = [rootId];
  for (let i = 0; i < ids.length; i++) for (const u of all) if (u.parentId === ids[i]) ids.push(u.id);
  return ids;
}

/** Figures computed less than this long ago are served again: a public page must not cost a report per visit. */
const FRESH_MS = 60_000;
const recent = new Map<string, { at: number; value: Promise<PublicStatistics> }>();

/** The public figures of a unit, recomputed at most once a minute per unit and process. */
export function publicStatistics(ctx: ServiceContext, unitCode: string): Promise<PublicStatistics> {
  const now = ctx.clock().getTime();
  const hit = recent.get(unitCode);
  if (hit && now - hit.at < FRESH_MS && now >= hit.at) return hit.value;
  const value = computePublicStatistics(ctx, unitCode);
  recent.set(unitCode, { at: now, value });
  if (recent.size > 5000) recent.clear();
  value.catch(() => recent.delete(unitCode));
  return value;
}

async function computePublicStatistics(ctx: ServiceContext, unitCode: string): Promise<PublicStatistics> {
  const root = await requireUnit(ctx.database.db, unitCode, 'code');
  const now = ctx.clock();
  const [year, month] = localDateOf(now, TIME_ZONE).split('-').map(Number) as [number, number];
  const ranges = [
    {
      period: 'month' as const,
      from: `${year}-${pad(month)}-01`,
      to: `${year}-${pad(month)}-${lastDay(year, month)}`,
    },
    { period: 'year' as const, from: `${year}-01-01`, to: `${year}-12-31` },
  ];
  const unitIds = await subtreeIds(ctx, root.id, root.jurisdictionId);
  const periods: PublicPeriodFigures[] = [];
  for (const range of ranges) {
    const report = await processingReport(ctx, null, {
      unit: root.code,
      from: range.from,
      to: range.to,
      descendants: true,
    });
    const { satisfaction } = await periodActivity(ctx, unitIds, range.from, range.to);
    periods.push({
      ...range,
      totals: report.totals,
      onlineRate: ratio(report.totals.received.online, report.totals.received.total),
      ratings: satisfaction.levels,
      satisfactionRate: satisfaction.rate,
    });
  }
  return { unit: { code: root.code, name: root.name }, asOf: now.toISOString(), periods };
}
