/**
 * The hall queue (src/domain/queue/queue.ts): tickets taken at the kiosk, called by the counters,
 * shown on the display. Each change is a row of `queue_events` and a NOTIFY on `motcua_queue` in the
 * same transaction, so the display of any server process hears of it once it is committed.
 */
import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type {
  QueueCounterView as CounterView,
  QueueNotice,
  QueueServiceView as ServiceView,
  TicketActionInput,
  TicketInput,
  TicketView,
} from '../../contracts/queue.ts';
import { type Db, rowsOf } from '../../db/client.ts';
import {
  dossiers,
  queueCounters,
  queueEvents,
  queueNumberCounters,
  queueServices,
  queueTickets,
  users,
} from '../../db/schema.ts';
import { localDateOf, TIME_ZONE } from '../../domain/calendar/index.ts';
import { AppError, conflict, notFound } from '../../domain/errors.ts';
import {
  allows,
  callAnnouncement,
  estimateWaitMinutes,
  mayMarkNoShow,
  nextForCounter,
  type Priority,
  peopleAhead,
  type QueueAction,
  type TicketStatus,
  ticketLabel,
} from '../../domain/queue/queue.ts';
import { type Actor, inTransaction, limitsOf, type ServiceContext } from '../platform/index.ts';
import { requireUnit, type UnitRow, rolesAt } from '../access/index.ts';

/** The channel the queue's changes are announced on (payload: QueueNotice as JSON). */
export const QUEUE_CHANNEL = 'motcua_queue';

export type { QueueNotice };

/** Service times of the last tickets finished today count for the estimate. */
const RECENT_SERVICES = 20;

export type { CounterView, ServiceView, TicketView };

async function unitOf(ctx: ServiceContext, unitCode: string): Promise<UnitRow> {
  return requireUnit(ctx.database.db, unitCode, 'unitCode');
}

/** Today's waiting tickets of a unit (tickets left from an earlier day are not called any more). */
async function waitingOf(db: Db, unitId: string, today: string) {
  return db
    .select()
    .from(queueTickets)
    .where(
      and(
        eq(queueTickets.unitId, unitId),
        eq(queueTickets.localDate, today),
        eq(queueTickets.status, 'waiting'),
      ),
    )
    .orderBy(asc(queueTickets.queuedAt));
}

function toWaiting(t: typeof queueTickets.$inferSelect) {
  return {
    id: t.id,
    serviceCode: t.serviceCode,
    priority: (t.priority as Priority | null) ?? null,
    queuedAt: t.queuedAt,
  };
}

export async function listQueueServices(ctx: ServiceContext, unitCode: string): Promise<ServiceView[]> {
  const db = ctx.database.db;
  const unit = await unitOf(ctx, unitCode);
  const services = await db
    .select()
    .from(queueServices)
    .where(and(eq(queueServices.unitId, unit.id), eq(queueServices.active, true)))
    .orderBy(asc(queueServices.sort), asc(queueServices.code));
  const waiting = await waitingOf(db, unit.id, localDateOf(ctx.clock(), TIME_ZONE));
  return services.map((s) => ({
    code: s.code,
    name: s.name,
    prefix: s.prefix,
    fieldCodes: s.fieldCodes as string[],
    waiting: waiting.filter((w) => w.serviceCode === s.code).length,
  }));
}

export async function listQueueCounters(ctx: ServiceContext, unitCode: string): Promise<CounterView[]> {
  const db = ctx.database.db;
  const unit = await unitOf(ctx, unitCode);
  const counters = await db
    .select({ c: queueCounters, officerName: users.fullName })
    .from(queueCounters)
    .leftJoin(users, eq(users.id, queueCounters.officerId))
    .where(eq(queueCounters.unitId, unit.id))
    .orderBy(asc(queueCounters.number));
  const current = await db
    .select()
    .from(queueTickets)
    .where(
      and(
        eq(queueTickets.unitId, unit.id),
        inArray(queueTickets.status, ['called', 'serving']),
        isNotNull(queueTickets.counterId),
      ),
    );
  return counters.map(({ c, officerName }) => {
    const at = current
      .filter((t) => t.counterId === c.id)
      .sort((a, b) => (b.calledAt?.getTime() ?? 0) - (a.calledAt?.getTime() ?? 0))[0];
    return {
      id: c.id,
      number: c.number,
      name: c.name,
      serviceCodes: c.serviceCodes as string[],
      open: c.open,
      officerName: officerName ?? null,
      current: at
        ? { id: at.id, label: at.label, serviceCode: at.serviceCode, status: at.status as TicketStatus }
        : null,
    };
  });
}

/** Recent service times (minutes) of a service today and its open counters: the estimate's inputs. */
async function waitInputs(db: Db, unitId: string, serviceCode: string, today: string) {
  const recent = await db
    .select({ servingAt: queueTickets.servingAt, finishedAt: queueTickets.finishedAt })
    .from(queueTickets)
    .where(
      and(
        eq(queueTickets.unitId, unitId),
        eq(queueTickets.localDate, today),
        eq(queueTickets.serviceCode, serviceCode),
        eq(queueTickets.status, 'done'),
        isNotNull(queueTickets.servingAt),
      ),
    )
    .orderBy(desc(queueTickets.finishedAt))
    .limit(RECENT_SERVICES);
  const counters = await db
    .select({ serviceCodes: queueCounters.serviceCodes })
    .from(queueCounters)
    .where(and(eq(queueCounters.unitId, unitId), eq(queueCounters.open, true)));
  return {
    minutes: recent.map((r) => (r.finishedAt!.getTime() - r.servingAt!.getTime()) / 60_000),
    openCounters: counters.filter((c) => (c.serviceCodes as string[]).includes(serviceCode)).length,
  };
}

async function notify(tx: Db, notice: QueueNotice): Promise<void> {
  // Delivered to listeners when the transaction commits (never for a rolled-back change).
  await tx.execute(sql`select pg_notify(${QUEUE_CHANNEL}, ${JSON.stringify(notice)})`);
}

async function appendQueueEvent(
  tx: Db,
  e: {
    ticketId: string;
    unitId: string;
    type: string;
    at: Date;
    counterId?: string | null;
    actorId?: string | null;
    payload?: Record<string, unknown>;
  },
): Promise<void> {
  await tx.insert(queueEvents).values({
    ticketId: e.ticketId,
    unitId: e.unitId,
    type: e.type,
    at: e.at,
    counterId: e.counterId ?? null,
    actorId: e.actorId ?? null,
    payload: e.payload ?? {},
  });
}

/** A kiosk (or a phone) takes a ticket: the day's next number of the service, people ahead, wait. */
export async function takeTicket(
  ctx: ServiceContext,
  input: TicketInput,
): Promise<{
  id: string;
  number: string;
  serviceCode: string;
  peopleAhead: number;
  estimatedWaitMinutes: number | null;
}> {
  const db = ctx.database.db;
  const unit = await unitOf(ctx, input.unitCode);
  const [service] = await db
    .select()
    .from(queueServices)
    .where(
      and(
        eq(queueServices.unitId, unit.id),
        eq(queueServices.code, input.serviceCode),
        eq(queueServices.active, true),
      ),
    );
  if (!service)
    throw new AppError(
      400,
      'validation_failed',
      `Đơn vị ${unit.code} không có dịch vụ xếp hàng "${input.serviceCode}"`,
      [{ path: 'serviceCode', message: 'không có dịch vụ này' }],
    );
  const now = ctx.clock();
  const today = localDateOf(now, TIME_ZONE);
  const ticket = await inTransaction(ctx, async (tx) => {
    const [counter] = await tx
      .insert(queueNumberCounters)
      .values({ unitId: unit.id, serviceCode: service.code, localDate: today, last: 1 })
      .onConflictDoUpdate({
        target: [queueNumberCounters.unitId, queueNumberCounters.serviceCode, queueNumberCounters.localDate],
        set: { last: sql`${queueNumberCounters.last} + 1` },
      })
      .returning({ last: queueNumberCounters.last });
    const id = uuidv7();
    const [row] = await tx
      .insert(queueTickets)
      .values({
        id,
        unitId: unit.id,
        serviceCode: service.code,
        localDate: today,
        number: counter!.last,
        label: ticketLabel(service.prefix, counter!.last),
        priority: input.priority ?? null,
        status: 'waiting',
        queuedAt: now,
        createdAt: now,
      })
      .returning();
    await appendQueueEvent(tx, {
      ticketId: id,
      unitId: unit.id,
      type: 'taken',
      at: now,
      payload: { serviceCode: service.code, priority: input.priority ?? null },
    });
    await notify(tx, {
      unitCode: unit.code,
      type: 'taken',
      ticketId: id,
      label: row!.label,
      serviceCode: service.code,
      counterNumber: null,
      announcement: null,
      at: now.toISOString(),
    });
    return row!;
  });
  const waiting = await waitingOf(db, unit.id, today);
  const ahead = peopleAhead(toWaiting(ticket), waiting.map(toWaiting));
  const inputs = await waitInputs(db, unit.id, service.code, today);
  return {
    id: ticket.id,
    number: ticket.label,
    serviceCode: service.code,
    peopleAhead: ahead,
    estimatedWaitMinutes: estimateWaitMinutes(ahead, inputs.minutes, inputs.openCounters),
  };
}

/** A ticket as its holder follows it (no personal data: the QR on the ticket opens it). */
export async function getTicket(ctx: ServiceContext, id: string): Promise<TicketView> {
  const db = ctx.database.db;
  if (!z.uuid().safeParse(id).success) throw notFound('ticket_not_found', 'Không tìm thấy số thứ tự');
  const [row] = await db
    .select({ t: queueTickets, unitCode: sql<string>`u.code`, unitName: sql<string>`u.name` })
    .from(queueTickets)
    .innerJoin(sql`units u`, sql`u.id = ${queueTickets.unitId}`)
    .where(eq(queueTickets.id, id));
  if (!row) throw notFound('ticket_not_found', 'Không tìm thấy số thứ tự');
  const t = row.t;
  const [service] = await db
    .select()
    .from(queueServices)
    .where(and(eq(queueServices.unitId, t.unitId), eq(queueServices.code, t.serviceCode)));
  const [counter] = t.counterId
    ? await db.select().from(queueCounters).where(eq(queueCounters.id, t.counterId))
    : [];
  let ahead = 0;
  let wait: number | null = null;
  if (t.status === 'waiting') {
    const waiting = await waitingOf(db, t.unitId, t.localDate);
    ahead = peopleAhead(toWaiting(t), waiting.map(toWaiting));
    const inputs = await waitInputs(db, t.unitId, t.serviceCode, t.localDate);
    wait = estimateWaitMinutes(ahead, inputs.minutes, inputs.openCounters);
  }
  const [dossier] = t.dossierId
    ? await db.select({ code: dossiers.code }).from(dossiers).where(eq(dossiers.id, t.dossierId))
    : [];
  return {
    id: t.id,
    number: t.label,
    serviceCode: t.serviceCode,
    serviceName: service?.name ?? t.serviceCode,
    priority: (t.priority as Priority | null) ?? null,
    status: t.status as TicketStatus,
    peopleAhead: ahead,
    estimatedWaitMinutes: wait,
    counter: counter && t.status !== 'waiting' ? { number: counter.number, name: counter.name } : null,
    recalls: t.recalls,
    takenAt: t.createdAt.toISOString(),
    calledAt: t.calledAt?.toISOString() ?? null,
    dossierCode: dossier?.code ?? null,
    unit: { code: String(row.unitCode), name: String(row.unitName) },
  };
}

/** Roles that may work a counter of the unit. */
const COUNTER_ROLES = ['receptionist', 'officer', 'leader', 'unit_admin', 'system_admin'] as const;

async function counterForStaff(db: Db, actor: Actor, counterId: string, lock = false) {
  if (!z.uuid().safeParse(counterId).success) throw notFound('counter_not_found', 'Không tìm thấy quầy');
  const query = db.select().from(queueCounters).where(eq(queueCounters.id, counterId));
  const [counter] = lock ? await query.for('update') : await query;
  if (!counter) throw notFound('counter_not_found', 'Không tìm thấy quầy');
  const roles = await rolesAt(db, actor.grants, counter.unitId);
  if (!COUNTER_ROLES.some((r) => roles.has(r)))
    throw new AppError(403, 'forbidden', 'Chỉ cán bộ của đơn vị được làm việc tại quầy này');
  return counter;
}

/**
 * The counter's officer calls the next ticket of the counter's services (priority first, then the
 * earliest). The officer is recorded at the counter. Null when nobody waits.
 */
export async function callNext(
  ctx: ServiceContext,
  actor: Actor,
  counterId: string,
): Promise<TicketView | null> {
  const db = ctx.database.db;
  await counterForStaff(db, actor, counterId);
  const id = await inTransaction(ctx, async (tx) => {
    // The counter row is the lock: one call at a time per counter; two counters serving the same
    // service both lock the waiting tickets they consider, so one ticket is never called twice.
    const counter = await counterForStaff(tx, actor, counterId, true);
    const services = counter.serviceCodes as string[];
    if (!services.length) return null;
    const waiting = await tx
      .select()
      .from(queueTickets)
      .where(
        and(
          eq(queueTickets.unitId, counter.unitId),
          eq(queueTickets.localDate, localDateOf(ctx.clock(), TIME_ZONE)),
          eq(queueTickets.status, 'waiting'),
          inArray(queueTickets.serviceCode, services),
        ),
      )
      .for('update');
    const next = nextForCounter(waiting.map(toWaiting), services);
    if (!next) return null;
    const now = ctx.clock();
    const [row] = await tx
      .update(queueTickets)
      .set({ status: 'called', counterId: counter.id, officerId: actor.id, calledAt: now, recalls: 0 })
      .where(eq(queueTickets.id, next.id))
      .returning();
    await tx
      .update(queueCounters)
      .set({ officerId: actor.id, open: true })
      .where(eq(queueCounters.id, counter.id));
    await appendQueueEvent(tx, {
      ticketId: row!.id,
      unitId: counter.unitId,
      type: 'called',
      at: now,
      counterId: counter.id,
      actorId: actor.id,
    });
    const [unit] = rowsOf<{ code: string }>(
      await tx.execute(sql`select code from units where id = ${counter.unitId}::uuid`),
    );
    await notify(tx, {
      unitCode: unit!.code,
      type: 'called',
      ticketId: row!.id,
      label: row!.label,
      serviceCode: row!.serviceCode,
      counterNumber: counter.number,
      announcement: callAnnouncement(row!.label, counter.number),
      at: now.toISOString(),
    });
    return row!.id;
  });
  return id ? getTicket(ctx, id) : null;
}

const NOTICE_OF: Record<Exclude<QueueAction, 'call'>, QueueNotice['type']> = {
  recall: 'recalled',
  start: 'started',
  finish: 'finished',
  no_show: 'no_show',
  transfer: 'transferred',
};

/** What a counter does with its ticket: recall, start, finish, no-show, transfer, or link the dossier received. */
export async function actOnTicket(
  ctx: ServiceContext,
  actor: Actor,
  counterId: string,
  ticketId: string,
  input: TicketActionInput,
): Promise<TicketView> {
  const db = ctx.database.db;
  await counterForStaff(db, actor, counterId);
  await inTransaction(ctx, async (tx) => {
    const counter = await counterForStaff(tx, actor, counterId, true);
    const [t] = z.uuid().safeParse(ticketId).success
      ? await tx.select().from(queueTickets).where(eq(queueTickets.id, ticketId)).for('update')
      : [];
    if (!t || t.unitId !== counter.unitId) throw notFound('ticket_not_found', 'Không tìm thấy số thứ tự');
    const now = ctx.clock();
    const status = t.status as TicketStatus;
    if (input.action === 'link') {
      const [d] = await tx.select().from(dossiers).where(eq(dossiers.code, input.dossierCode));
      if (!d)
        throw new AppError(400, 'validation_failed', `Không có hồ sơ ${input.dossierCode}`, [
          { path: 'dossierCode', message: 'không có hồ sơ này' },
        ]);
      await tx.update(queueTickets).set({ dossierId: d.id }).where(eq(queueTickets.id, t.id));
      await appendQueueEvent(tx, {
        ticketId: t.id,
        unitId: t.unitId,
        type: 'linked',
        at: now,
        counterId: counter.id,
        actorId: actor.id,
        payload: { dossierCode: d.code },
      });
      return;
    }
    if (!allows(status, input.action))
      throw conflict(
        'illegal_ticket_action',
        `Số ${t.label} đang ở trạng thái "${status}": không thể "${input.action}"`,
      );
    // Only the counter that called a ticket works on it (a transfer may come from any counter).
    if (status !== 'waiting' && t.counterId !== counter.id && input.action !== 'transfer')
      throw conflict('other_counter', `Số ${t.label} đang ở quầy khác`);
    const set: Partial<typeof queueTickets.$inferInsert> = {};
    let payload: Record<string, unknown> = {};
    if (input.action === 'recall') set.recalls = t.recalls + 1;
    if (input.action === 'start') set.status = 'serving';
    if (input.action === 'start') set.servingAt = now;
    if (input.action === 'finish') Object.assign(set, { status: 'done', finishedAt: now });
    if (input.action === 'no_show') {
      // How many recalls before a ticket may be marked no-show (MOTCUA_QUEUE_RECALLS).
      const min = limitsOf(ctx).queueRecalls;
      if (!mayMarkNoShow(status, t.recalls, min))
        throw conflict(
          'recall_first',
          `Cần gọi lại ít nhất ${min} lần trước khi ghi vắng mặt (đã gọi lại ${t.recalls})`,
        );
      Object.assign(set, { status: 'no_show', finishedAt: now });
    }
    if (input.action === 'transfer') {
      const [target] = await tx
        .select()
        .from(queueServices)
        .where(
          and(
            eq(queueServices.unitId, t.unitId),
            eq(queueServices.code, input.serviceCode),
            eq(queueServices.active, true),
          ),
        );
      if (!target || target.code === t.serviceCode)
        throw new AppError(
          400,
          'validation_failed',
          `Không chuyển được sang dịch vụ "${input.serviceCode}"`,
          [{ path: 'serviceCode', message: 'dịch vụ khác của đơn vị' }],
        );
      // It keeps its number and waits again at the new service, behind those already waiting.
      Object.assign(set, {
        status: 'waiting',
        serviceCode: target.code,
        queuedAt: now,
        counterId: null,
        officerId: null,
        calledAt: null,
        servingAt: null,
        recalls: 0,
      });
      payload = { from: t.serviceCode, to: target.code };
    }
    await tx.update(queueTickets).set(set).where(eq(queueTickets.id, t.id));
    await appendQueueEvent(tx, {
      ticketId: t.id,
      unitId: t.unitId,
      type: NOTICE_OF[input.action],
      at: now,
      counterId: counter.id,
      actorId: actor.id,
      payload,
    });
    const [unit] = rowsOf<{ code: string }>(
      await tx.execute(sql`select code from units where id = ${t.unitId}::uuid`),
    );
    await notify(tx, {
      unitCode: unit!.code,
      type: NOTICE_OF[input.action],
      ticketId: t.id,
      label: t.label,
      serviceCode: (set.serviceCode as string | undefined) ?? t.serviceCode,
      counterNumber: counter.number,
      announcement: input.action === 'recall' ? callAnnouncement(t.label, counter.number) : null,
      at: now.toISOString(),
    });
  });
  return getTicket(ctx, ticketId);
}
