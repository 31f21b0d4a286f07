/**
 * Home service (thu nhận hồ sơ và trả kết quả tại nhà): people who cannot travel (elderly,
 * disabled, ill) ask the commune for an officer to collect their dossier at home (`pickup`) or bring
 * the result home (`return`). Requests come online (public, no login), by the hotline or at the
 * counter; the counter schedules each visit with an officer of the unit and records its outcome,
 * followed like a postal shipment: every status change is an event, in the same transaction as the
 * change and its audit entry. A done return does not touch the dossier: the return itself is
 * recorded on the dossier by its own action.
 */
import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type {
  CancelInput,
  CompleteInput,
  HomeServiceEventView,
  HomeServiceInput,
  HomeServiceView,
  PublicHomeServiceInput,
  PublicHomeServiceView,
  ScheduleInput,
} from '../../contracts/postal.ts';
import type { Db } from '../../db/client.ts';
import {
  dossiers,
  homeServiceEvents,
  homeServiceRequests,
  procedures,
  units,
  userRoles,
  users,
} from '../../db/schema.ts';
import { conflict, notFound } from '../../domain/errors.ts';
import {
  canMoveHomeService,
  HOME_SERVICE_STATUS_LABELS,
  type HomeServiceChannel,
  type HomeServiceKind,
  type HomeServiceReason,
  type HomeServiceStatus,
  homeServiceCode,
  homeServiceCodePrefix,
  scheduleProblem,
} from '../../domain/postal/home-service.ts';
import { appendAudit } from '../platform/index.ts';
import { normalisePhone } from '../identity/index.ts';
import { type Actor, inTransaction, type RequestMeta, type ServiceContext } from '../platform/index.ts';
import { requireUnit, type UnitRow } from '../access/index.ts';
import {
  dayEnd,
  dayStart,
  fieldError,
  OFFICER_ROLES,
  requireHomeServiceStaff,
} from './home-service-rules.ts';

export type { HomeServiceEventView, HomeServiceView, PublicHomeServiceView };

const notFoundRequest = () =>
  notFound('home_service_not_found', 'Không tìm thấy yêu cầu thu nhận, trả kết quả tại nhà');

/** The views of the requests `ids`, in that order, with their events (two queries, whatever the count). */
async function viewsOf(db: Db, ids: string[]): Promise<HomeServiceView[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      r: homeServiceRequests,
      unitCode: units.code,
      unitName: units.name,
      dossierCode: dossiers.code,
      officerName: users.fullName,
    })
    .from(homeServiceRequests)
    .innerJoin(units, eq(units.id, homeServiceRequests.unitId))
    .leftJoin(dossiers, eq(dossiers.id, homeServiceRequests.dossierId))
    .leftJoin(users, eq(users.id, homeServiceRequests.officerId))
    .where(inArray(homeServiceRequests.id, ids));
  const events = await db
    .select({ e: homeServiceEvents, actorName: users.fullName })
    .from(homeServiceEvents)
    .leftJoin(users, eq(users.id, homeServiceEvents.actorId))
    .where(inArray(homeServiceEvents.requestId, ids))
    .orderBy(asc(homeServiceEvents.at), asc(homeServiceEvents.id));
  const byId = new Map(rows.map((row) => [row.r.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const r = row.r;
    return [
      {
        id: r.id,
        code: r.code,
        unitCode: row.unitCode,
        unitName: row.unitName,
        kind: r.kind,
        requestedVia: r.requestedVia,
        status: r.status,
        dossierCode: row.dossierCode ?? null,
        procedureCode: r.procedureCode,
        applicant: r.applicant as HomeServiceView['applicant'],
        reason: r.reason,
        note: r.note,
        scheduledAt: r.scheduledAt?.toISOString() ?? null,
        officer: r.officerId && row.officerName ? { id: r.officerId, fullName: row.officerName } : null,
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
        events: events
          .filter(({ e }) => e.requestId === id)
          .map(({ e, actorName }) => {
            const payload = e.payload as { scheduledAt?: string; officerName?: string };
            return {
              status: e.status as HomeServiceStatus,
              at: e.at.toISOString(),
              actorName: actorName ?? null,
              note: e.note,
              scheduledAt: payload.scheduledAt ?? null,
              officerName: payload.officerName ?? null,
            };
          }),
      },
    ];
  });
}

async function viewOf(db: Db, id: string): Promise<HomeServiceView> {
  const [view] = await viewsOf(db, [id]);
  if (!view) throw notFoundRequest();
  return view;
}

type DossierRow = typeof dossiers.$inferSelect;

/**
 * Inserts the request and its first event, numbered TN-YYYYMMDD-NNN on the local day. The code is
 * unique across the installation (its index), so the sequence runs per day over every unit: a
 * transaction-level advisory lock per day serialises the writers, and max + 1 under it never
 * collides (a rolled back request releases its number with the lock).
 */
async function insertRequest(
  ctx: ServiceContext,
  meta: RequestMeta,
  actor: Actor | null,
  unit: UnitRow,
  values: {
    kind: HomeServiceKind;
    requestedVia: HomeServiceChannel;
    applicant: { name: string; phone: string; address: string };
    reason: HomeServiceReason;
    note: string | null;
    dossier: DossierRow | undefined;
    procedureCode: string | null;
  },
): Promise<{ id: string; code: string }> {
  const now = ctx.clock();
  const prefix = homeServiceCodePrefix(now);
  const id = uuidv7();
  return inTransaction(ctx, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`home_service:${prefix}`}))`);
    const [last] = await tx
      .select({
        n: sql<number>`coalesce(max(cast(substring(${homeServiceRequests.code} from ${prefix.length + 1}::int) as integer)), 0)`,
      })
      .from(homeServiceRequests)
      .where(sql`${homeServiceRequests.code} like ${`${prefix}%`}`);
    const code = homeServiceCode(now, Number(last?.n ?? 0) + 1);
    await tx.insert(homeServiceRequests).values({
      id,
      unitId: unit.id,
      code,
      kind: values.kind,
      requestedVia: values.requestedVia,
      status: 'requested',
      dossierId: values.dossier?.id ?? null,
      procedureCode: values.procedureCode,
      applicant: values.applicant,
      reason: values.reason,
      note: values.note,
      createdBy: actor?.id ?? null,
      createdAt: now,
      updatedAt: now,
    });
    await tx.insert(homeServiceEvents).values({
      requestId: id,
      status: 'requested',
      at: now,
      actorId: actor?.id ?? null,
      note: values.note,
      payload: { via: values.requestedVia },
    });
    await appendAudit(tx, ctx.clock, meta, {
      action: 'home_service.request',
      actor,
      jurisdictionId: unit.jurisdictionId,
      entityType: 'home_service_request',
      entityId: id,
      after: {
        code,
        kind: values.kind,
        via: values.requestedVia,
        reason: values.reason,
        dossierCode: values.dossier?.code ?? null,
      },
    });
    return { id, code };
  });
}

/** The counter or the hotline registers a request for a visit. */
export async function createHomeService(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  input: HomeServiceInput,
): Promise<HomeServiceView> {
  const db = ctx.database.db;
  const unit = await requireUnit(db, input.unitCode, 'unitCode');
  await requireHomeServiceStaff(db, actor, unit);
  let dossier: DossierRow | undefined;
  if (input.dossierCode) {
    [dossier] = await db.select().from(dossiers).where(eq(dossiers.code, input.dossierCode)).limit(1);
    if (!dossier || dossier.receivingUnitId !== unit.id)
      throw fieldError('dossierCode', `Đơn vị ${unit.code} không có hồ sơ ${input.dossierCode}`);
  }
  if (input.procedureCode) {
    const [procedure] = await db
      .select({ code: procedures.code })
      .from(procedures)
      .where(eq(procedures.code, input.procedureCode))
      .limit(1);
    if (!procedure) throw fieldError('procedureCode', `Không có thủ tục "${input.procedureCode}"`);
  }
  const { id } = await insertRequest(ctx, meta, actor, unit, {
    kind: input.kind,
    requestedVia: input.requestedVia,
    applicant: input.applicant,
    reason: input.reason,
    note: input.note || null,
    dossier,
    procedureCode: input.procedureCode ?? dossier?.procedureCode ?? null,
  });
  return viewOf(db, id);
}

/**
 * A citizen asks online (no login). A return names the dossier and the phone on it: an unknown
 * dossier, another unit's, or another phone all get the same answer.
 */
export async function requestHomeServicePublic(
  ctx: ServiceContext,
  meta: RequestMeta,
  input: PublicHomeServiceInput,
): Promise<{ code: string }> {
  const db = ctx.database.db;
  const unit = await requireUnit(db, input.unitCode, 'unitCode');
  let dossier: DossierRow | undefined;
  if (input.dossierCode) {
    [dossier] = await db.select().from(dossiers).where(eq(dossiers.code, input.dossierCode)).limit(1);
    const phone = (dossier?.applicant as { phone?: string } | undefined)?.phone;
    if (
      !dossier ||
      dossier.receivingUnitId !== unit.id ||
      !phone ||
      normalisePhone(phone.replace(/[\s.-]/g, '')) !== normalisePhone(input.applicant.phone)
    )
      throw fieldError('dossierCode', 'Không tìm thấy hồ sơ với mã và số điện thoại đã nhập');
  }
  const { code } = await insertRequest(ctx, meta, null, unit, {
    kind: input.kind,
    requestedVia: 'online',
    applicant: input.applicant,
    reason: input.reason,
    note: input.note || null,
    dossier,
    procedureCode: dossier?.procedureCode ?? null,
  });
  return { code };
}

const publicNotFound = () => notFound('not_found', 'Không tìm thấy yêu cầu với mã và số điện thoại đã nhập');

/** The citizen follows a request by its code and the phone given with it (same 404 for either wrong). */
export async function lookupHomeServicePublic(
  ctx: ServiceContext,
  code: string,
  phone: string,
): Promise<PublicHomeServiceView> {
  const db = ctx.database.db;
  const [row] = await db
    .select({ id: homeServiceRequests.id, applicant: homeServiceRequests.applicant })
    .from(homeServiceRequests)
    .where(eq(homeServiceRequests.code, code.trim().toUpperCase()))
    .limit(1);
  const given = normalisePhone(phone.replace(/[\s.-]/g, ''));
  const own = (row?.applicant as { phone?: string } | undefined)?.phone;
  if (!row || !own || !given || normalisePhone(own) !== given) throw publicNotFound();
  const view = await viewOf(db, row.id);
  return {
    code: view.code,
    unitName: view.unitName,
    kind: view.kind,
    status: view.status,
    scheduledAt: view.scheduledAt,
    officerName: view.officer?.fullName ?? null,
    createdAt: view.createdAt,
    events: view.events.map((e) => ({ status: e.status, at: e.at })),
  };
}

/** The requests of a unit received in the period (local days, both optional), newest first. */
export async function listHomeServices(
  ctx: ServiceContext,
  actor: Actor,
  query: {
    unit: string;
    status?: HomeServiceStatus | undefined;
    from?: string | undefined;
    to?: string | undefined;
  },
): Promise<HomeServiceView[]> {
  const db = ctx.database.db;
  const unit = await requireUnit(db, query.unit);
  await requireHomeServiceStaff(db, actor, unit);
  const rows = await db
    .select({ id: homeServiceRequests.id })
    .from(homeServiceRequests)
    .where(
      and(
        eq(homeServiceRequests.unitId, unit.id),
        query.status ? eq(homeServiceRequests.status, query.status) : undefined,
        query.from ? gte(homeServiceRequests.createdAt, dayStart(query.from)) : undefined,
        query.to ? lte(homeServiceRequests.createdAt, dayEnd(query.to)) : undefined,
      ),
    )
    .orderBy(desc(homeServiceRequests.createdAt), desc(homeServiceRequests.code))
    .limit(500);
  return viewsOf(
    db,
    rows.map((r) => r.id),
  );
}

export async function getHomeService(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
): Promise<HomeServiceView> {
  const db = ctx.database.db;
  if (!z.uuid().safeParse(id).success) throw notFoundRequest();
  const view = await viewOf(db, id);
  await requireHomeServiceStaff(db, actor, await requireUnit(db, view.unitCode));
  return view;
}

/** The officers of a unit who can be sent to a home: staff with a working role at the unit itself. */
export async function unitOfficers(
  db: Db,
  unitId: string,
): Promise<Array<{ id: string; username: string; fullName: string }>> {
  return db
    .selectDistinct({ id: users.id, username: users.username, fullName: users.fullName })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(
      and(
        eq(userRoles.unitId, unitId),
        inArray(userRoles.role, [...OFFICER_ROLES]),
        eq(users.kind, 'staff'),
        eq(users.disabled, false),
      ),
    )
    .orderBy(asc(users.fullName), asc(users.username));
}

export async function listHomeServiceOfficers(ctx: ServiceContext, actor: Actor, unitCode: string) {
  const db = ctx.database.db;
  const unit = await requireUnit(db, unitCode);
  await requireHomeServiceStaff(db, actor, unit);
  return unitOfficers(db, unit.id);
}

/**
 * Moves a request under a row lock: refuses a move its status does not allow (409
 * `invalid_transition`), then writes the change, its event and its audit entry together.
 */
async function move(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  to: HomeServiceStatus,
  change: (
    tx: Db,
    row: typeof homeServiceRequests.$inferSelect,
    unit: UnitRow,
  ) => Promise<{
    set?: Partial<typeof homeServiceRequests.$inferInsert>;
    note: string | null;
    payload?: Record<string, unknown>;
  }>,
): Promise<HomeServiceView> {
  const db = ctx.database.db;
  if (!z.uuid().safeParse(id).success) throw notFoundRequest();
  const [found] = await db
    .select({ unitId: homeServiceRequests.unitId })
    .from(homeServiceRequests)
    .where(eq(homeServiceRequests.id, id));
  if (!found) throw notFoundRequest();
  const [unit] = await db.select().from(units).where(eq(units.id, found.unitId));
  if (!unit) throw notFoundRequest();
  await requireHomeServiceStaff(db, actor, unit);
  await inTransaction(ctx, async (tx) => {
    const [row] = await tx
      .select()
      .from(homeServiceRequests)
      .where(eq(homeServiceRequests.id, id))
      .for('update');
    if (!row) throw notFoundRequest();
    const from = row.status;
    if (!canMoveHomeService(from, to))
      throw conflict(
        'invalid_transition',
        `Yêu cầu ${row.code} đang "${HOME_SERVICE_STATUS_LABELS[from]}", không chuyển sang "${HOME_SERVICE_STATUS_LABELS[to]}" được`,
      );
    const { set, note, payload = {} } = await change(tx, row, unit);
    const now = ctx.clock();
    await tx
      .update(homeServiceRequests)
      .set({ ...set, status: to, updatedAt: now })
      .where(eq(homeServiceRequests.id, id));
    await tx
      .insert(homeServiceEvents)
      .values({ requestId: id, status: to, at: now, actorId: actor.id, note, payload });
    await appendAudit(tx, ctx.clock, meta, {
      action: `home_service.${to === 'scheduled' ? 'schedule' : to === 'cancelled' ? 'cancel' : 'complete'}`,
      actor,
      jurisdictionId: unit.jurisdictionId,
      entityType: 'home_service_request',
      entityId: id,
      before: { status: from, scheduledAt: row.scheduledAt?.toISOString() ?? null },
      after: { status: to, ...payload },
    });
  });
  return viewOf(db, id);
}

/** Sets (or moves) the visit: a time in the future and an officer of the unit. */
export async function scheduleHomeService(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  input: ScheduleInput,
): Promise<HomeServiceView> {
  const scheduledAt = new Date(input.scheduledAt);
  return move(ctx, actor, meta, id, 'scheduled', async (tx, row, unit) => {
    const problem = scheduleProblem(scheduledAt, ctx.clock());
    if (problem) throw fieldError('scheduledAt', problem);
    const officer = (await unitOfficers(tx, unit.id)).find((o) => o.id === input.officerId);
    if (!officer) throw fieldError('officerId', `Cán bộ được chọn không thuộc đơn vị ${unit.code}`);
    return {
      set: { scheduledAt, officerId: officer.id },
      note: input.note || null,
      payload: {
        scheduledAt: scheduledAt.toISOString(),
        officerId: officer.id,
        officerName: officer.fullName,
        rescheduled: row.status === 'scheduled',
      },
    };
  });
}

/**
 * Records how the visit went. A return done does not change the dossier (its own `return` action
 * records the hand-over); only the request is closed.
 */
export async function completeHomeService(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  input: CompleteInput,
): Promise<HomeServiceView> {
  return move(ctx, actor, meta, id, input.outcome, async () => ({ note: input.note || null }));
}

export async function cancelHomeService(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  input: CancelInput,
): Promise<HomeServiceView> {
  return move(ctx, actor, meta, id, 'cancelled', async () => ({ note: input.note || null }));
}
