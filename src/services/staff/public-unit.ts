/**
 * The public page of a unit (issue 7 §6): its contacts, parent, how many procedures it receives
 * (and how many are resolved the same day, served on no-appointment days), its next service days.
 */
import { eq, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client.ts';
import { procedureUnits, units } from '../../db/schema.ts';
import { upcomingDays } from '../calendar/index.ts';
import { requireUnit } from '../access/index.ts';
import type { ServiceContext } from '../platform/index.ts';

export async function publicUnitPage(ctx: ServiceContext, code: string) {
  const db = ctx.database.db;
  const unit = await requireUnit(db, code, 'code');
  const [parent] = unit.parentId
    ? await db.select({ code: units.code, name: units.name }).from(units).where(eq(units.id, unit.parentId))
    : [];
  // Procedures this unit receives, and those resolved the same day (served on no-appointment days).
  const [counts] = rowsOf<{ total: number; same_day: number }>(
    await db.execute(sql`
      select count(*)::int as total,
             (count(*) filter (where (
               select pv.data->'processingTime'->>'kind' from procedure_versions pv
               where pv.procedure_id = pu.procedure_id order by pv.number desc limit 1
             ) = 'sameDay'))::int as same_day
      from ${procedureUnits} pu
      join procedures p on p.id = pu.procedure_id and p.status = 'active'
      where pu.unit_id = ${unit.id}`),
  );
  return {
    code: unit.code,
    name: unit.name,
    level: unit.level,
    address: unit.address,
    phone: unit.phone,
    hotline: unit.hotline,
    hasCounter: unit.hasCounter,
    parent: parent ?? null,
    procedureCount: Number(counts?.total ?? 0),
    sameDayProcedureCount: Number(counts?.same_day ?? 0),
    upcomingServiceDays: await upcomingDays(ctx, unit),
  };
}
