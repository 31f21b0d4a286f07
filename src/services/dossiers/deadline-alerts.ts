/**
 * Deadline alerts, run by pg-boss on a schedule (never by in-process timers): a reminder when a
 * dossier is due within one working day, an overdue alert to whoever holds it and the unit's
 * leaders, and a morning digest for leaders. Each notice has a dedupe key, so a sweep that runs
 * twice, or in two processes at once, writes it once.
 */
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { type Db, rowsOf } from '../../db/client.ts';
import { dossiers, staffNotifications, units, userRoles, users } from '../../db/schema.ts';
import { localDateOf, TIME_ZONE } from '../../domain/calendar/index.ts';
import { workingDayMinutes } from '../../domain/dossier/index.ts';
import { formatDateTimeShort } from '../../documents/format.ts';
import { notFound } from '../../domain/errors.ts';
import { calendarForUnit } from '../calendar/index.ts';
import type { Actor, ServiceContext } from '../platform/index.ts';
import { unitAncestry } from '../access/index.ts';

/** Users holding one of `roles` at the unit (directly, or through an ancestor granted with descendants). */
async function holders(db: Db, unitId: string, roles: string[]): Promise<string[]> {
  const ancestry = await unitAncestry(db, unitId);
  const rows = await db
    .select({ userId: userRoles.userId, unitId: userRoles.unitId, incl: userRoles.includeDescendants })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(
      and(inArray(userRoles.role, roles), inArray(userRoles.unitId, ancestry), eq(users.disabled, false)),
    );
  return [...new Set(rows.filter((r) => r.unitId === unitId || r.incl).map((r) => r.userId))];
}

async function notify(
  db: Db,
  userIds: string[],
  n: {
    jurisdictionId: string;
    kind: 'due_soon' | 'overdue' | 'digest';
    dossierId: string | null;
    dedupeKey: string;
    title: string;
    body: string;
  },
): Promise<number> {
  if (userIds.length === 0) return 0;
  const inserted = await db
    .insert(staffNotifications)
    .values(userIds.map((userId) => ({ id: uuidv7(), userId, ...n })))
    .onConflictDoNothing()
    .returning({ id: staffNotifications.id });
  return inserted.length;
}

export interface SweepReport {
  dueSoon: number;
  overdue: number;
}

export async function sweepDeadlines(ctx: ServiceContext): Promise<SweepReport> {
  const db = ctx.database.db;
  const now = ctx.clock();
  const report: SweepReport = { dueSoon: 0, overdue: 0 };
  // Only dossiers whose due date is within two calendar days (or past) can need a notice now.
  const horizon = new Date(now.getTime() + 4 * 86_400_000);
  const open = await db
    .select()
    .from(dossiers)
    .where(
      and(
        eq(dossiers.status, 'in_progress'),
        isNull(dossiers.pausedAt),
        sql`${dossiers.dueAt} < ${horizon.toISOString()}`,
      ),
    );
  for (const d of open) {
    const [unit] = await db.select().from(units).where(eq(units.id, d.receivingUnitId));
    const { calendar } = await calendarForUnit(db, unit!);
    const due = d.dueAt.toISOString();
    const holdersNow = d.assigneeId ? [d.assigneeId] : await holders(db, d.currentUnitId, ['officer']);
    if (d.dueAt <= now) {
      const leaders = await holders(db, d.currentUnitId, ['leader']);
      report.overdue += await notify(db, [...new Set([...holdersNow, ...leaders])], {
        jurisdictionId: d.jurisdictionId,
        kind: 'overdue',
        dossierId: d.id,
        dedupeKey: `overdue:${d.id}:${due}`,
        title: `Hồ sơ ${d.code} đã quá hạn`,
        body: `Hồ sơ ${d.code} quá hạn giải quyết từ ${formatDateTimeShort(d.dueAt)}. Cần xử lý hoặc lập Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04).`,
      });
    } else if (calendar.elapsedWorkingMinutes(now, d.dueAt) <= workingDayMinutes(calendar)) {
      report.dueSoon += await notify(db, holdersNow, {
        jurisdictionId: d.jurisdictionId,
        kind: 'due_soon',
        dossierId: d.id,
        dedupeKey: `due_soon:${d.id}:${due}`,
        title: `Hồ sơ ${d.code} đến hạn trong 1 ngày làm việc`,
        body: `Hạn giải quyết: ${formatDateTimeShort(d.dueAt)}.`,
      });
    }
  }
  return report;
}

/** The morning digest for every leader: in progress, due soon and overdue dossiers at their units. */
export async function sendLeaderDigests(ctx: ServiceContext): Promise<number> {
  const db = ctx.database.db;
  const now = ctx.clock();
  const today = localDateOf(now, TIME_ZONE);
  const leaders = await db
    .select({
      userId: userRoles.userId,
      unitId: userRoles.unitId,
      jurisdictionId: units.jurisdictionId,
      unitName: units.name,
    })
    .from(userRoles)
    .innerJoin(units, eq(units.id, userRoles.unitId))
    .where(eq(userRoles.role, 'leader'));
  let sent = 0;
  for (const l of leaders) {
    const [counts] = rowsOf<{ open: number; overdue: number; paused: number }>(
      await db.execute(sql`
        select count(*) filter (where status = 'in_progress')::int as open,
               count(*) filter (where status = 'in_progress' and due_at < ${now.toISOString()})::int as overdue,
               count(*) filter (where status = 'paused')::int as paused
        from ${dossiers} where current_unit_id = ${l.unitId}`),
    );
    sent += await notify(db, [l.userId], {
      jurisdictionId: l.jurisdictionId,
      kind: 'digest',
      dossierId: null,
      dedupeKey: `digest:${l.unitId}:${today}`,
      title: `Tình hình hồ sơ ngày ${today.split('-').reverse().join('/')} — ${l.unitName}`,
      body: `Đang giải quyết: ${counts?.open ?? 0}; quá hạn: ${counts?.overdue ?? 0}; chờ bổ sung: ${counts?.paused ?? 0}.`,
    });
  }
  return sent;
}

export async function listNotifications(ctx: ServiceContext, actor: Actor) {
  const db = ctx.database.db;
  const items = await db
    .select()
    .from(staffNotifications)
    .where(eq(staffNotifications.userId, actor.id))
    .orderBy(desc(staffNotifications.createdAt))
    .limit(50);
  const codes = new Map(
    (items.some((i) => i.dossierId)
      ? await db
          .select({ id: dossiers.id, code: dossiers.code })
          .from(dossiers)
          .where(
            inArray(
              dossiers.id,
              items.flatMap((i) => (i.dossierId ? [i.dossierId] : [])),
            ),
          )
      : []
    ).map((r) => [r.id, r.code]),
  );
  return {
    unread: items.filter((i) => !i.readAt).length,
    items: items.map((i) => ({
      id: i.id,
      kind: i.kind,
      title: i.title,
      body: i.body,
      dossierCode: i.dossierId ? (codes.get(i.dossierId) ?? null) : null,
      createdAt: i.createdAt.toISOString(),
      read: i.readAt !== null,
    })),
  };
}

/** Marks one of the caller's own notices read; another account's notice is 404 like an unknown one. */
export async function markNotificationRead(ctx: ServiceContext, actor: Actor, id: string): Promise<void> {
  const updated = await ctx.database.db
    .update(staffNotifications)
    .set({ readAt: ctx.clock() })
    .where(and(eq(staffNotifications.id, id), eq(staffNotifications.userId, actor.id)))
    .returning({ id: staffNotifications.id });
  if (updated.length === 0) throw notFound('notification_not_found', 'Không có thông báo này');
}
