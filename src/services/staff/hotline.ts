/**
 * The hotline (issue 7 §4): operators log each call with one of the four purposes the field uses —
 * guidance on a procedure, booking a postal pick-up or home return, receiving feedback or a
 * complaint, a report on an officer's attitude — linked to the dossier, feedback item, shipment or
 * officer concerned, with a follow-up due date; and a weekly summary.
 */
import { and, asc, desc, eq, gte, lte, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import {
  type CallInput,
  type CallView,
  HOTLINE_PURPOSES,
  type HotlineSummary,
} from '../../contracts/staff.ts';
import { type Db, rowsOf } from '../../db/client.ts';
import {
  dossiers,
  feedback,
  hotlineCalls,
  postalShipments,
  units,
  userRoles,
  users,
} from '../../db/schema.ts';
import type { RoleGrant } from '../../domain/access.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { weekEndOf, weekStartOf } from '../../domain/staff/evaluation.ts';
import { localDateOf, TIME_ZONE } from '../../domain/calendar/index.ts';
import { appendAudit } from '../platform/index.ts';
import { type Actor, inTransaction, type RequestMeta, type ServiceContext } from '../platform/index.ts';
import { findVisibleDossier } from '../dossiers/index.ts';
import { requireUnit, type UnitRow, rolesAt } from '../access/index.ts';

const HOTLINE_ROLES = ['receptionist', 'leader', 'unit_admin', 'system_admin'] as const;

async function requireHotlineStaff(db: Db, actor: Actor, unit: UnitRow) {
  const roles = await rolesAt(db, actor.grants, unit.id);
  if (!HOTLINE_ROLES.some((r) => roles.has(r)))
    throw new AppError(
      403,
      'forbidden',
      `Không có quyền ghi nhận cuộc gọi đường dây nóng của đơn vị ${unit.code}`,
    );
}

export type { CallView };

export async function logCall(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  input: CallInput,
): Promise<CallView> {
  const db = ctx.database.db;
  const unit = await requireUnit(db, input.unitCode, 'unitCode');
  await requireHotlineStaff(db, actor, unit);
  const bad = (path: string, message: string) =>
    new AppError(400, 'validation_failed', message, [{ path, message }]);
  // Every link is resolved only within the unit (issue 14 §3): a dossier the actor may see and the
  // unit handles, the unit's feedback and shipments, an officer holding a role at the unit.
  const dossier = input.dossierCode
    ? await findVisibleDossier(db, actor, input.dossierCode).catch(() => undefined)
    : undefined;
  if (
    input.dossierCode &&
    (!dossier || (dossier.receivingUnitId !== unit.id && dossier.currentUnitId !== unit.id))
  )
    throw bad('dossierCode', `Không có hồ sơ ${input.dossierCode}`);
  const [fb] = input.feedbackId
    ? await db
        .select()
        .from(feedback)
        .where(and(eq(feedback.id, input.feedbackId), eq(feedback.unitId, unit.id)))
    : [];
  if (input.feedbackId && !fb) throw bad('feedbackId', 'Không có phản ánh này');
  const [shipment] = input.shipmentTrackingNumber
    ? await db
        .select()
        .from(postalShipments)
        .where(
          and(
            eq(postalShipments.trackingNumber, input.shipmentTrackingNumber),
            eq(postalShipments.unitId, unit.id),
          ),
        )
    : [];
  if (input.shipmentTrackingNumber && !shipment)
    throw bad('shipmentTrackingNumber', `Không có bưu gửi ${input.shipmentTrackingNumber}`);
  const [officer] = input.officerUsername
    ? await db
        .select()
        .from(users)
        .where(and(eq(users.username, input.officerUsername), eq(users.kind, 'staff')))
    : [];
  const officerGrants = officer
    ? await db.select().from(userRoles).where(eq(userRoles.userId, officer.id))
    : [];
  if (
    input.officerUsername &&
    (!officer || (await rolesAt(db, officerGrants as RoleGrant[], unit.id)).size === 0)
  )
    throw bad('officerUsername', `Đơn vị ${unit.code} không có cán bộ ${input.officerUsername}`);
  const id = uuidv7();
  await inTransaction(ctx, async (tx) => {
    await tx.insert(hotlineCalls).values({
      id,
      unitId: unit.id,
      purpose: input.purpose,
      callerName: input.callerName || null,
      callerPhone: input.callerPhone || null,
      summary: input.summary,
      procedureCode: input.procedureCode || null,
      dossierId: dossier?.id ?? null,
      feedbackId: fb?.id ?? null,
      shipmentId: shipment?.id ?? null,
      officerId: officer?.id ?? null,
      followUpDue: input.followUpDue ?? null,
      receivedBy: actor.id,
      receivedByName: actor.fullName,
      createdAt: ctx.clock(),
    });
    await appendAudit(tx, ctx.clock, meta, {
      action: 'hotline.call',
      actor,
      jurisdictionId: unit.jurisdictionId,
      entityType: 'hotline_call',
      entityId: id,
      after: {
        purpose: input.purpose,
        dossierCode: dossier?.code ?? null,
        officer: officer?.username ?? null,
      },
    });
  });
  return callView(db, id);
}

async function callView(db: Db, id: string): Promise<CallView> {
  const [row] = await db
    .select({
      c: hotlineCalls,
      dossierCode: dossiers.code,
      tracking: postalShipments.trackingNumber,
      officerName: users.fullName,
    })
    .from(hotlineCalls)
    .leftJoin(dossiers, eq(dossiers.id, hotlineCalls.dossierId))
    .leftJoin(postalShipments, eq(postalShipments.id, hotlineCalls.shipmentId))
    .leftJoin(users, eq(users.id, hotlineCalls.officerId))
    .where(eq(hotlineCalls.id, id));
  if (!row) throw notFound('call_not_found', 'Không tìm thấy cuộc gọi');
  const c = row.c;
  return {
    id: c.id,
    purpose: c.purpose,
    callerName: c.callerName,
    callerPhone: c.callerPhone,
    summary: c.summary,
    procedureCode: c.procedureCode,
    dossierCode: row.dossierCode ?? null,
    feedbackId: c.feedbackId,
    shipmentTrackingNumber: row.tracking ?? null,
    officerName: row.officerName ?? null,
    followUpDue: c.followUpDue,
    followUpDoneAt: c.followUpDoneAt?.toISOString() ?? null,
    followUpNote: c.followUpNote,
    receivedByName: c.receivedByName,
    createdAt: c.createdAt.toISOString(),
  };
}

export async function listCalls(
  ctx: ServiceContext,
  actor: Actor,
  query: { unit: string; from: string; to: string },
): Promise<CallView[]> {
  const db = ctx.database.db;
  const unit = await requireUnit(db, query.unit);
  await requireHotlineStaff(db, actor, unit);
  const rows = await db
    .select({ id: hotlineCalls.id })
    .from(hotlineCalls)
    .where(
      and(
        eq(hotlineCalls.unitId, unit.id),
        gte(hotlineCalls.createdAt, new Date(`${query.from}T00:00:00+07:00`)),
        lte(hotlineCalls.createdAt, new Date(`${query.to}T23:59:59.999+07:00`)),
      ),
    )
    .orderBy(desc(hotlineCalls.createdAt))
    .limit(1000);
  return Promise.all(rows.map((r) => callView(db, r.id)));
}

/** The follow-up of a call is done (with what was done). */
export async function completeFollowUp(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  note: string,
): Promise<CallView> {
  const db = ctx.database.db;
  const [call] = z.uuid().safeParse(id).success
    ? await db.select().from(hotlineCalls).where(eq(hotlineCalls.id, id))
    : [];
  if (!call) throw notFound('call_not_found', 'Không tìm thấy cuộc gọi');
  const [unit] = await db.select().from(units).where(eq(units.id, call.unitId));
  await requireHotlineStaff(db, actor, unit!);
  await db
    .update(hotlineCalls)
    .set({ followUpDoneAt: ctx.clock(), followUpNote: note })
    .where(eq(hotlineCalls.id, id));
  return callView(db, id);
}

export type { HotlineSummary };

/** The week's calls by purpose and the state of their follow-ups (overdue: due before today, not done). */
export async function hotlineSummary(
  ctx: ServiceContext,
  actor: Actor,
  query: { unit: string; week: string },
): Promise<HotlineSummary> {
  const db = ctx.database.db;
  const unit = await requireUnit(db, query.unit);
  await requireHotlineStaff(db, actor, unit);
  const weekStart = weekStartOf(query.week);
  const weekEnd = weekEndOf(weekStart);
  const calls = await db
    .select()
    .from(hotlineCalls)
    .where(
      and(
        eq(hotlineCalls.unitId, unit.id),
        gte(hotlineCalls.createdAt, new Date(`${weekStart}T00:00:00+07:00`)),
        lte(hotlineCalls.createdAt, new Date(`${weekEnd}T23:59:59.999+07:00`)),
      ),
    )
    .orderBy(asc(hotlineCalls.createdAt));
  const today = localDateOf(ctx.clock(), TIME_ZONE);
  const byPurpose = Object.fromEntries(HOTLINE_PURPOSES.map((p) => [p, 0])) as HotlineSummary['byPurpose'];
  for (const c of calls) byPurpose[c.purpose]++;
  const withFollowUp = calls.filter((c) => c.followUpDue);
  return {
    unit: { code: unit.code, name: unit.name },
    weekStart,
    weekEnd,
    calls: calls.length,
    byPurpose,
    followUps: {
      due: withFollowUp.length,
      done: withFollowUp.filter((c) => c.followUpDoneAt).length,
      overdue: withFollowUp.filter((c) => !c.followUpDoneAt && c.followUpDue! < today).length,
    },
  };
}

/** Reports on each officer's attitude received in local dates from..to (the evaluation's complaints). */
export async function attitudeReports(
  db: Db,
  officerIds: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!officerIds.length) return out;
  const rows = rowsOf<{ officer_id: string; n: number }>(
    await db.execute(sql`
      select officer_id, count(*)::int as n from hotline_calls
      where purpose = 'attitude' and officer_id in (${sql.join(
        officerIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})
        and created_at >= ${`${from}T00:00:00+07:00`}::timestamptz and created_at <= ${`${to}T23:59:59.999+07:00`}::timestamptz
      group by officer_id`),
  );
  for (const r of rows) out.set(r.officer_id, Number(r.n));
  return out;
}
