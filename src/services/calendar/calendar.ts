import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.ts';
import { calendarDays, calendarSettings } from '../../db/schema.ts';
import { grantCovers } from '../../domain/access.ts';
import {
  type CalendarDay,
  type CalendarSettings,
  createWorkingCalendar,
  DEFAULT_CALENDAR_SETTINGS,
  type WorkingCalendar,
} from '../../domain/calendar/index.ts';
import type { CalendarDayInput, CalendarSettingsInput } from '../../contracts/calendar.ts';
import { forbidden, notFound } from '../../domain/errors.ts';
import { appendAudit } from '../platform/index.ts';
import { type Actor, inTransaction, type RequestMeta, type ServiceContext } from '../platform/index.ts';
import { type UnitRow, unitAncestry } from '../access/index.ts';

export interface UnitCalendar {
  /** The unit whose settings apply (the nearest ancestor with its own settings, or the root). */
  settings: CalendarSettings;
  days: CalendarDay[];
  calendar: WorkingCalendar;
}

/**
 * Built calendars keyed by unit and a fingerprint of the rows they were built from. The fingerprint
 * is read from the database on every call, so a change made through another process is seen at once.
 */
const cache = new Map<string, { fingerprint: string; value: UnitCalendar }>();

/** The working calendar of a unit: its jurisdiction's days and settings, overridden by nearer units'. */
export async function calendarForUnit(db: Db, unit: UnitRow): Promise<UnitCalendar> {
  const ancestry = await unitAncestry(db, unit.id); // self first, root last
  const fp = rowsOf<{ n: number; d: string | null; s: string | null }>(
    await db.execute(sql`
      select (select count(*)::int from ${calendarDays} where unit_id in ${ancestry}) as n,
             (select max(updated_at)::text from ${calendarDays} where unit_id in ${ancestry}) as d,
             (select max(updated_at)::text from ${calendarSettings} where unit_id in ${ancestry}) as s`),
  )[0]!;
  const fingerprint = `${ancestry.join('>')}|${fp.n}|${fp.d}|${fp.s}`;
  const hit = cache.get(unit.id);
  if (hit && hit.fingerprint === fingerprint) return hit.value;

  const settingsRows = await db
    .select()
    .from(calendarSettings)
    .where(inArray(calendarSettings.unitId, ancestry));
  const nearestSettings = ancestry.map((id) => settingsRows.find((r) => r.unitId === id)).find(Boolean);
  const settings: CalendarSettings = {
    ...DEFAULT_CALENDAR_SETTINGS,
    ...((nearestSettings?.settings as Partial<CalendarSettings>) ?? {}),
  };

  // Nearer units override farther ones date by date: walk from the root down.
  const dayRows = await db.select().from(calendarDays).where(inArray(calendarDays.unitId, ancestry));
  const byDate = new Map<string, CalendarDay>();
  for (const id of [...ancestry].reverse()) {
    for (const r of dayRows.filter((d) => d.unitId === id)) {
      byDate.set(r.date, { date: r.date, kind: r.kind, name: r.name, provisional: r.provisional });
    }
  }
  const days = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
  const value: UnitCalendar = { settings, days, calendar: createWorkingCalendar(settings, days) };
  cache.set(unit.id, { fingerprint, value });
  return value;
}

export async function listCalendarDays(
  db: Db,
  unit: UnitRow,
  year: number,
): Promise<{ settings: CalendarSettings; days: CalendarDay[] }> {
  const { settings, days } = await calendarForUnit(db, unit);
  return { settings, days: days.filter((d) => d.date.startsWith(`${year}-`)) };
}

/** Holidays are edited by a system admin, or a unit admin of the unit (covering it). */
async function assertCalendarAdmin(db: Db, actor: Actor, unit: UnitRow) {
  const ancestry = await unitAncestry(db, unit.id);
  if (!grantCovers(actor.grants, ['system_admin', 'unit_admin'], ancestry))
    throw forbidden('Chỉ quản trị viên của đơn vị được sửa lịch làm việc');
}

/**
 * What follows a change of a unit's working calendar, inside the same transaction: the dossiers
 * context moves the due dates in force (its recomputeDueDates). The caller passes it in, because the
 * dossiers context reads calendars itself and the calendar context may not import it back.
 */
export type DueDateFollowUp = (
  tx: Db,
  actor: Pick<Actor, 'id' | 'fullName'>,
  unit: { id: string },
  reason: string,
  now: Date,
) => Promise<string[]>;

/** How a calendar day reads in the reason of a moved due date. */
const DAY_KIND_NAMES = { holiday: 'ngày nghỉ', workday: 'ngày làm việc (làm bù)' } as const;

export async function putCalendarDay(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  unit: UnitRow,
  date: string,
  input: CalendarDayInput,
  recomputeDueDates: DueDateFollowUp,
): Promise<Required<CalendarDay>> {
  await assertCalendarAdmin(ctx.database.db, actor, unit);
  return inTransaction(ctx, async (tx) => {
    const [before] = await tx
      .select()
      .from(calendarDays)
      .where(and(eq(calendarDays.unitId, unit.id), eq(calendarDays.date, date)));
    const row = {
      unitId: unit.id,
      date,
      kind: input.kind,
      name: input.name,
      provisional: input.provisional,
      updatedAt: ctx.clock(),
    };
    await tx
      .insert(calendarDays)
      .values(row)
      .onConflictDoUpdate({ target: [calendarDays.unitId, calendarDays.date], set: row });
    await appendAudit(tx, ctx.clock, meta, {
      action: 'calendar.day_put',
      actor,
      jurisdictionId: unit.jurisdictionId,
      entityType: 'calendar_day',
      entityId: `${unit.code}:${date}`,
      before: before ? { kind: before.kind, name: before.name, provisional: before.provisional } : null,
      after: { kind: input.kind, name: input.name, provisional: input.provisional },
    });
    await recomputeDueDates(
      tx,
      actor,
      unit,
      `Lịch làm việc của ${unit.name} thay đổi: ngày ${date} là ${DAY_KIND_NAMES[input.kind]} (${input.name})`,
      ctx.clock(),
    );
    return { date, kind: input.kind, name: input.name, provisional: input.provisional };
  });
}

export async function deleteCalendarDay(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  unit: UnitRow,
  date: string,
  recomputeDueDates: DueDateFollowUp,
): Promise<void> {
  await assertCalendarAdmin(ctx.database.db, actor, unit);
  await inTransaction(ctx, async (tx) => {
    const [before] = await tx
      .delete(calendarDays)
      .where(and(eq(calendarDays.unitId, unit.id), eq(calendarDays.date, date)))
      .returning();
    if (!before)
      throw notFound('calendar_day_not_found', `Ngày ${date} không có trong lịch của ${unit.name}`);
    await appendAudit(tx, ctx.clock, meta, {
      action: 'calendar.day_delete',
      actor,
      jurisdictionId: unit.jurisdictionId,
      entityType: 'calendar_day',
      entityId: `${unit.code}:${date}`,
      before: { kind: before.kind, name: before.name, provisional: before.provisional },
      after: null,
    });
    await recomputeDueDates(
      tx,
      actor,
      unit,
      `Lịch làm việc của ${unit.name} thay đổi: bỏ ngày ${date} (${before.name})`,
      ctx.clock(),
    );
  });
}

/** Seeds holidays for a root unit (idempotent: existing dates are kept as an admin may have edited them). */
export async function seedCalendarDays(tx: Db, unitId: string, days: CalendarDay[]): Promise<number> {
  if (days.length === 0) return 0;
  const inserted = await tx
    .insert(calendarDays)
    .values(
      days.map((d) => ({
        unitId,
        date: d.date,
        kind: d.kind,
        name: d.name,
        provisional: d.provisional ?? false,
      })),
    )
    .onConflictDoNothing()
    .returning({ date: calendarDays.date });
  return inserted.length;
}

export async function daysBetween(db: Db, unitId: string, from: string, to: string) {
  return db
    .select()
    .from(calendarDays)
    .where(and(eq(calendarDays.unitId, unitId), gte(calendarDays.date, from), lte(calendarDays.date, to)))
    .orderBy(asc(calendarDays.date));
}

/**
 * Sets a unit's own working-time settings (overriding its jurisdiction's). Validated by building
 * a calendar with them first, so overlapping or unordered sessions are refused before saving.
 */
export async function putCalendarSettings(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  unit: UnitRow,
  input: CalendarSettingsInput,
  recomputeDueDates: DueDateFollowUp,
): Promise<CalendarSettings> {
  await assertCalendarAdmin(ctx.database.db, actor, unit);
  const settings: CalendarSettings = { ...DEFAULT_CALENDAR_SETTINGS, ...input };
  createWorkingCalendar(settings, [], { fromYear: 2025, toYear: 2025 });
  await inTransaction(ctx, async (tx) => {
    const [before] = await tx.select().from(calendarSettings).where(eq(calendarSettings.unitId, unit.id));
    await tx
      .insert(calendarSettings)
      .values({ unitId: unit.id, settings, updatedAt: ctx.clock() })
      .onConflictDoUpdate({ target: calendarSettings.unitId, set: { settings, updatedAt: ctx.clock() } });
    await appendAudit(tx, ctx.clock, meta, {
      action: 'calendar.settings_put',
      actor,
      jurisdictionId: unit.jurisdictionId,
      entityType: 'calendar_settings',
      entityId: unit.code,
      before: before?.settings ?? null,
      after: settings,
    });
    await recomputeDueDates(tx, actor, unit, `Giờ làm việc của ${unit.name} thay đổi`, ctx.clock());
  });
  return settings;
}
