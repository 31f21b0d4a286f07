/**
 * Service days of a unit (issue 7 §6): no-appointment days and no-writing days, scheduled by the
 * unit's leader or administrator, shown on the public unit page, counted in the reports.
 */
import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { ServiceDaysInput } from '../../contracts/community.ts';
import { type Db, rowsOf } from '../../db/client.ts';
import { unitServiceDays } from '../../db/schema.ts';
import { localDateOf, TIME_ZONE } from '../../domain/calendar/index.ts';
import {
  countServiceDays,
  expandWeekdays,
  SERVICE_DAY_NAMES,
  type ServiceDayCounts,
  type ServiceDayDossier,
  type ServiceDayKind,
  upcomingServiceDays,
} from '../../domain/calendar/service-days.ts';
import { AppError, badRequest } from '../../domain/errors.ts';
import { appendAudit } from '../platform/index.ts';
import { calendarForUnit } from './calendar.ts';
import { type Actor, inTransaction, type RequestMeta, type ServiceContext } from '../platform/index.ts';
import { requireUnit, type UnitRow, rolesAt } from '../access/index.ts';

const SCHEDULERS = ['leader', 'unit_admin', 'system_admin'] as const;
export type { ServiceDaysInput };

export interface ServiceDayView {
  day: string;
  kind: ServiceDayKind;
  name: string;
  note: string | null;
}

const view = (r: { day: string; kind: ServiceDayKind; note: string | null }): ServiceDayView => ({
  day: r.day,
  kind: r.kind,
  name: SERVICE_DAY_NAMES[r.kind].vi,
  note: r.note,
});

async function requireScheduler(db: Db, actor: Actor, unit: UnitRow) {
  const roles = await rolesAt(db, actor.grants, unit.id);
  if (!SCHEDULERS.some((r) => roles.has(r)))
    throw new AppError(
      403,
      'forbidden',
      `Chỉ lãnh đạo, quản trị của ${unit.name} được lập lịch ngày phục vụ`,
    );
}

/** The unit's service days from..to (public). */
export async function listServiceDays(
  db: Db,
  unitCode: string,
  from: string,
  to: string,
): Promise<{ unit: { code: string; name: string }; items: ServiceDayView[] }> {
  const unit = await requireUnit(db, unitCode, 'unitCode');
  const rows = await db
    .select({ day: unitServiceDays.day, kind: unitServiceDays.kind, note: unitServiceDays.note })
    .from(unitServiceDays)
    .where(
      and(eq(unitServiceDays.unitId, unit.id), gte(unitServiceDays.day, from), lte(unitServiceDays.day, to)),
    )
    .orderBy(asc(unitServiceDays.day), asc(unitServiceDays.kind));
  return { unit: { code: unit.code, name: unit.name }, items: rows.map(view) };
}

/** The next service days of a unit, for its public page. */
export async function upcomingDays(ctx: ServiceContext, unit: UnitRow, limit = 8): Promise<ServiceDayView[]> {
  const today = localDateOf(ctx.clock(), TIME_ZONE);
  const rows = await ctx.database.db
    .select({ day: unitServiceDays.day, kind: unitServiceDays.kind, note: unitServiceDays.note })
    .from(unitServiceDays)
    .where(and(eq(unitServiceDays.unitId, unit.id), gte(unitServiceDays.day, today)))
    .orderBy(asc(unitServiceDays.day))
    .limit(limit * 2);
  return upcomingServiceDays(rows, today, limit).map(view);
}

/** Schedules service days (dates, or a weekday of every week in a range, skipping closed days). */
export async function addServiceDays(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  unitCode: string,
  input: ServiceDaysInput,
): Promise<{ added: string[] }> {
  const db = ctx.database.db;
  const unit = await requireUnit(db, unitCode, 'unitCode');
  await requireScheduler(db, actor, unit);
  const { calendar } = await calendarForUnit(db, unit);
  let days = input.days ?? [];
  if (input.weekdays) {
    try {
      days = [
        ...days,
        ...expandWeekdays(input.from!, input.to!, input.weekdays, (d) => !calendar.isWorkingDay(d)),
      ];
    } catch (e) {
      throw badRequest('validation_failed', 'Khoảng ngày không hợp lệ', [
        { path: 'to', message: (e as Error).message },
      ]);
    }
  }
  days = [...new Set(days)].sort();
  const closed = days.filter((d) => !calendar.isWorkingDay(d));
  if (closed.length)
    throw badRequest('validation_failed', 'Ngày nghỉ không lập lịch phục vụ được', [
      { path: 'days', message: `Ngày nghỉ: ${closed.join(', ')}` },
    ]);
  if (!days.length)
    throw badRequest('validation_failed', 'Không có ngày làm việc nào trong khoảng đã chọn', [
      { path: 'weekdays', message: 'Không có ngày nào' },
    ]);
  await inTransaction(ctx, async (tx) => {
    await tx
      .insert(unitServiceDays)
      .values(
        days.map((day) => ({
          unitId: unit.id,
          day,
          kind: input.kind,
          note: input.note ?? null,
          createdBy: actor.id,
        })),
      )
      .onConflictDoUpdate({
        target: [unitServiceDays.unitId, unitServiceDays.day, unitServiceDays.kind],
        set: { note: sql`excluded.note` },
      });
    await appendAudit(tx, ctx.clock, meta, {
      action: 'service_days.add',
      actor,
      jurisdictionId: unit.jurisdictionId,
      entityType: 'unit',
      entityId: unit.id,
      after: { kind: input.kind, days, note: input.note ?? null },
    });
  });
  return { added: days };
}

export async function removeServiceDay(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  unitCode: string,
  day: string,
  kind: ServiceDayKind,
): Promise<void> {
  const db = ctx.database.db;
  const unit = await requireUnit(db, unitCode, 'unitCode');
  await requireScheduler(db, actor, unit);
  await inTransaction(ctx, async (tx) => {
    const gone = await tx
      .delete(unitServiceDays)
      .where(
        and(
          eq(unitServiceDays.unitId, unit.id),
          eq(unitServiceDays.day, day),
          eq(unitServiceDays.kind, kind),
        ),
      )
      .returning({ day: unitServiceDays.day });
    if (!gone.length)
      throw new AppError(404, 'not_found', `Không có ${SERVICE_DAY_NAMES[kind].vi} ngày ${day}`);
    await appendAudit(tx, ctx.clock, meta, {
      action: 'service_days.remove',
      actor,
      jurisdictionId: unit.jurisdictionId,
      entityType: 'unit',
      entityId: unit.id,
      before: { kind, day },
    });
  });
}

/**
 * Per unit, its service days from..to and what it received on them. Reads only the dossiers
 * received on those days (the receiving index), so a year of days is a handful of small scans.
 */
export async function serviceDayCountsByUnit(
  db: Db,
  unitIds: string[],
  from: string,
  to: string,
): Promise<Map<string, ServiceDayCounts>> {
  const out = new Map<string, ServiceDayCounts>();
  if (!unitIds.length) return out;
  const days = await db
    .select({ unitId: unitServiceDays.unitId, day: unitServiceDays.day, kind: unitServiceDays.kind })
    .from(unitServiceDays)
    .where(
      and(
        inArray(unitServiceDays.unitId, unitIds),
        gte(unitServiceDays.day, from),
        lte(unitServiceDays.day, to),
      ),
    );
  if (!days.length) return out;
  // Dossiers received on one of the unit's service days; the procedure's time limit from its version.
  const received = rowsOf<{
    unit_id: string;
    received_day: string;
    resolved_day: string | null;
    channel: ServiceDayDossier['channel'];
    same_day: boolean;
  }>(
    await db.execute(sql`
      with sd as (
        select distinct unit_id, day from unit_service_days
        where unit_id in ${unitIds} and day between ${from}::date and ${to}::date
      )
      select d.receiving_unit_id as unit_id,
             to_char(d.received_at at time zone ${TIME_ZONE}, 'YYYY-MM-DD') as received_day,
             to_char(d.resolved_at at time zone ${TIME_ZONE}, 'YYYY-MM-DD') as resolved_day,
             d.channel,
             coalesce(pv.data->'processingTime'->>'kind' = 'sameDay', false) as same_day
      from sd
      join dossiers d on d.receiving_unit_id = sd.unit_id
        and d.received_at >= (sd.day::timestamp at time zone ${TIME_ZONE})
        and d.received_at < ((sd.day + 1)::timestamp at time zone ${TIME_ZONE})
      left join procedure_versions pv on pv.procedure_id = d.procedure_id and pv.number = d.procedure_version`),
  );
  const daysBy = new Map<string, Array<{ day: string; kind: ServiceDayKind }>>();
  for (const d of days) daysBy.set(d.unitId, [...(daysBy.get(d.unitId) ?? []), d]);
  const receivedBy = new Map<string, ServiceDayDossier[]>();
  for (const r of received)
    receivedBy.set(r.unit_id, [
      ...(receivedBy.get(r.unit_id) ?? []),
      {
        receivedDay: r.received_day,
        resolvedDay: r.resolved_day,
        channel: r.channel,
        sameDay: r.same_day === true,
      },
    ]);
  for (const [unitId, list] of daysBy) out.set(unitId, countServiceDays(list, receivedBy.get(unitId) ?? []));
  return out;
}
