/**
 * The hall queue (src/domain/queue/queue.ts): tickets taken at the kiosk, called by the counters,
 * shown on the display. Each change is a row of `queue_events` and a NOTIFY on `motcua_queue` in the
 * same transaction, so the display of any server process hears of it once it is committed.
 */
import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { type Db, rowsOf } from '../../db/client.ts';
import { DEMO_QUEUES } from '../../db/seed/demo-queue.ts';
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
  PRIORITIES,
  type Priority,
  peopleAhead,
  type QueueAction,
  type TicketStatus,
  ticketLabel,
} from '../../domain/queue/queue.ts';
import { appendAudit } from '../platform/index.ts';
import {
  type Actor,
  inTransaction,
  limitsOf,
  type RequestMeta,
  type ServiceContext,
} from '../platform/index.ts';
import { requireUnit, type UnitRow, rolesAt } from '../access/index.ts';

/** The channel the queue's changes are announced on (payload: QueueNotice as JSON). */
export const QUEUE_CHANNEL = 'motcua_queue';

export interface QueueNotice {
  unitCode: string;
  type: 'taken' | 'called' | 'recalled' | 'started' | 'finished' | 'no_show' | 'transferred';
  ticketId: string;
  label: string;
  serviceCode: string;
  counterNumber: number | null;
  /** What the hall hears, for a call or a recall. */
  announcement: string | null;
  at: string;
}

/** Service times of the last tickets finished today count for the estimate. */
const RECENT_SERVICES = 20;

export const ticketInputSchema = z.object({
  unitCode: z.string().trim().min(1).max(100),
  serviceCode: z.string().trim().min(1).max(40),
  priority: z.enum(PRIORITIES).nullish(),
});

export interface ServiceView {
  code: string;
  name: string;
  prefix: string;
  fieldCodes: string[];
  waiting: number;
}

export interface CounterView {
  id: string;
  number: number;
  name: string;
  serviceCodes: string[];
  open: boolean;
  officerName: string | null;
  /** The ticket at the counter now (called or being served). */
  current: { id: string; label: string; serviceCode: string; status: TicketStatus } | null;
}

export interface TicketView {
  id: string;
  number: string;
  serviceCode: string;
  serviceName: string;
  priority: Priority | null;
  status: TicketStatus;
  peopleAhead: number;
  estimatedWaitMinutes: number | null;
  counter: { number: number; name: string } | null;
  recalls: number;
  takenAt: string;
  calledAt: string | null;
  dossierCode: string | null;
  unit: { code: string; name: string };
}

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
  input: z.infer<typeof ticketInputSchema>,
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

export const ticketActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('recall') }),
  z.object({ action: z.literal('start') }),
  z.object({ action: z.literal('finish') }),
  z.object({ action: z.literal('no_show') }),
  z.object({ action: z.literal('transfer'), serviceCode: z.string().trim().min(1).max(40) }),
  z.object({ action: z.literal('link'), dossierCode: z.string().trim().min(1).max(100) }),
]);
export type TicketActionInput = z.infer<typeof ticketActionSchema>;

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

export interface DisplayState {
  unit: { code: string; name: string };
  /** Tickets at the counters now, latest call first. */
  calling: Array<{
    ticketId: string;
    label: string;
    counterNumber: number;
    counterName: string;
    status: TicketStatus;
    calledAt: string;
  }>;
  /** The last tickets called today that are no longer at a counter. */
  recent: Array<{ label: string; counterNumber: number; status: TicketStatus }>;
  waiting: Array<{ serviceCode: string; name: string; waiting: number }>;
}

/** What the hall screen shows: who is called where, who was, how many wait for each service. */
export async function displayState(ctx: ServiceContext, unitCode: string): Promise<DisplayState> {
  const db = ctx.database.db;
  const unit = await unitOf(ctx, unitCode);
  const today = localDateOf(ctx.clock(), TIME_ZONE);
  const called = await db
    .select({ t: queueTickets, number: queueCounters.number, name: queueCounters.name })
    .from(queueTickets)
    .innerJoin(queueCounters, eq(queueCounters.id, queueTickets.counterId))
    .where(
      and(
        eq(queueTickets.unitId, unit.id),
        eq(queueTickets.localDate, today),
        isNotNull(queueTickets.calledAt),
      ),
    )
    .orderBy(desc(queueTickets.calledAt))
    .limit(40);
  const services = await listQueueServices(ctx, unitCode);
  const atCounters = called.filter((c) => c.t.status === 'called' || c.t.status === 'serving');
  return {
    unit: { code: unit.code, name: unit.name },
    calling: atCounters.map((c) => ({
      ticketId: c.t.id,
      label: c.t.label,
      counterNumber: c.number,
      counterName: c.name,
      status: c.t.status as TicketStatus,
      calledAt: c.t.calledAt!.toISOString(),
    })),
    recent: called
      .filter((c) => c.t.status === 'done' || c.t.status === 'no_show')
      .slice(0, 8)
      .map((c) => ({ label: c.t.label, counterNumber: c.number, status: c.t.status as TicketStatus })),
    waiting: services.map((s) => ({ serviceCode: s.code, name: s.name, waiting: s.waiting })),
  };
}

/** The demo halls' services and counters, for units that have none yet (every start of the demo). */
export async function ensureDemoQueues(db: Db): Promise<void> {
  for (const [unitCode, setup] of Object.entries(DEMO_QUEUES)) {
    const [unit] = rowsOf<{ id: string }>(
      await db.execute(sql`select id from units where code = ${unitCode}`),
    );
    if (!unit) continue;
    const [any] = await db
      .select({ id: queueServices.id })
      .from(queueServices)
      .where(eq(queueServices.unitId, unit.id))
      .limit(1);
    if (any) continue;
    await db
      .insert(queueServices)
      .values(setup.services.map((s, i) => ({ id: uuidv7(), unitId: unit.id, ...s, sort: i })));
    await db
      .insert(queueCounters)
      .values(setup.counters.map((c) => ({ id: uuidv7(), unitId: unit.id, ...c })));
  }
}

export const queueSetupSchema = z
  .object({
    services: z
      .array(
        z.object({
          code: z
            .string()
            .trim()
            .regex(/^[A-Z0-9_]{1,20}$/, 'Mã dịch vụ: chữ in hoa, số, gạch dưới'),
          name: z.string().trim().min(1).max(200),
          prefix: z
            .string()
            .trim()
            .regex(/^[A-Z0-9]{1,3}$/, 'Tiền tố số: 1–3 chữ in hoa hoặc số'),
          fieldCodes: z.array(z.string().trim().min(1).max(20)).max(50).default([]),
        }),
      )
      .min(1, 'Cần ít nhất một dịch vụ')
      .max(50),
    counters: z
      .array(
        z.object({
          number: z.number().int().min(1).max(999),
          name: z.string().trim().min(1).max(200),
          serviceCodes: z.array(z.string()).min(1, 'Mỗi quầy phục vụ ít nhất một dịch vụ'),
          open: z.boolean().default(true),
        }),
      )
      .max(200),
  })
  .superRefine((v, ctx) => {
    const codes = new Set<string>();
    const prefixes = new Set<string>();
    v.services.forEach((s, i) => {
      if (codes.has(s.code))
        ctx.addIssue({ code: 'custom', path: ['services', i, 'code'], message: 'Mã dịch vụ trùng' });
      if (prefixes.has(s.prefix))
        ctx.addIssue({
          code: 'custom',
          path: ['services', i, 'prefix'],
          message: 'Tiền tố trùng: hai dịch vụ sẽ cùng số',
        });
      codes.add(s.code);
      prefixes.add(s.prefix);
    });
    const numbers = new Set<number>();
    v.counters.forEach((c, i) => {
      if (numbers.has(c.number))
        ctx.addIssue({ code: 'custom', path: ['counters', i, 'number'], message: 'Số quầy trùng' });
      numbers.add(c.number);
      c.serviceCodes.forEach((code, j) => {
        if (!codes.has(code))
          ctx.addIssue({
            code: 'custom',
            path: ['counters', i, 'serviceCodes', j],
            message: `Không có dịch vụ "${code}"`,
          });
      });
    });
  });
export type QueueSetup = z.infer<typeof queueSetupSchema>;

/**
 * An administrator of the unit sets its hall: the services (kept by code: a removed one is
 * deactivated, its tickets keep their history) and the counters (by number). Audited.
 */
export async function setQueueSetup(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  unitCode: string,
  setup: QueueSetup,
): Promise<void> {
  const db = ctx.database.db;
  const unit = await unitOf(ctx, unitCode);
  const roles = await rolesAt(db, actor.grants, unit.id);
  if (!roles.has('unit_admin') && !roles.has('system_admin'))
    throw new AppError(403, 'forbidden', 'Chỉ quản trị đơn vị được cấu hình quầy và dịch vụ xếp hàng');
  await inTransaction(ctx, async (tx) => {
    const before = {
      services: await tx.select().from(queueServices).where(eq(queueServices.unitId, unit.id)),
      counters: await tx.select().from(queueCounters).where(eq(queueCounters.unitId, unit.id)),
    };
    for (const [i, s] of setup.services.entries()) {
      const existing = before.services.find((b) => b.code === s.code);
      const values = { name: s.name, prefix: s.prefix, fieldCodes: s.fieldCodes, sort: i, active: true };
      if (existing) await tx.update(queueServices).set(values).where(eq(queueServices.id, existing.id));
      else await tx.insert(queueServices).values({ id: uuidv7(), unitId: unit.id, code: s.code, ...values });
    }
    const kept = new Set(setup.services.map((s) => s.code));
    for (const old of before.services.filter((b) => !kept.has(b.code)))
      await tx.update(queueServices).set({ active: false }).where(eq(queueServices.id, old.id));
    for (const c of setup.counters) {
      const existing = before.counters.find((b) => b.number === c.number);
      const values = { name: c.name, serviceCodes: c.serviceCodes, open: c.open };
      if (existing) await tx.update(queueCounters).set(values).where(eq(queueCounters.id, existing.id));
      else
        await tx.insert(queueCounters).values({ id: uuidv7(), unitId: unit.id, number: c.number, ...values });
    }
    const numbers = new Set(setup.counters.map((c) => c.number));
    for (const old of before.counters.filter((b) => !numbers.has(b.number)))
      await tx
        .update(queueCounters)
        .set({ open: false, serviceCodes: [] })
        .where(eq(queueCounters.id, old.id));
    await appendAudit(tx, ctx.clock, meta, {
      action: 'queue.setup',
      actor,
      jurisdictionId: unit.jurisdictionId,
      entityType: 'unit',
      entityId: unit.code,
      before: {
        services: before.services
          .filter((s) => s.active)
          .map((s) => ({ code: s.code, prefix: s.prefix, name: s.name })),
        counters: before.counters.map((c) => ({
          number: c.number,
          serviceCodes: c.serviceCodes,
          open: c.open,
        })),
      },
      after: setup,
    });
  });
}

export interface QueueStatisticsRow {
  key: { code: string; name: string };
  tickets: number;
  served: number;
  noShows: number;
  /** Taken to called, in minutes (served and absent tickets). */
  averageWaitMinutes: number | null;
  /** Started to finished, in minutes. */
  averageServiceMinutes: number | null;
}

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
  const unit = await unitOf(ctx, query.unit);
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
