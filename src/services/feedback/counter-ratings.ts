/**
 * The satisfaction tablet of a counter (issue 7 §2): right after service the citizen rates the
 * officer who served the ticket, at one of the four levels, with optional reasons. One rating per
 * ticket, only for a ticket served at that counter within the last half hour; counted in the
 * satisfaction figures (activity) in the same transaction, credited to that officer.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gte, inArray, isNull } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { CounterRatingInput } from '../../contracts/queue.ts';
import type { Db } from '../../db/client.ts';
import {
  counterDevices,
  counterRatings,
  dossiers,
  queueCounters,
  queueTickets,
  users,
} from '../../db/schema.ts';
import { AppError, conflict, forbidden, notFound } from '../../domain/errors.ts';
import { type RatingLevel, ratingActivity } from '../../domain/statistics/activity.ts';
import { appendAudit } from '../platform/index.ts';
import { type Actor, inTransaction, type RequestMeta, type ServiceContext } from '../platform/index.ts';
import { NO_PROCEDURE, writeActivity } from '../rollups/index.ts';
import { rolesAt } from '../access/index.ts';

/** A ticket may be rated this long after it was served. */
const RATING_WINDOW_MS = 30 * 60_000;

export interface RatingTarget {
  counter: { id: string; number: number; name: string };
  officerName: string | null;
  /** The ticket the tablet asks about: served (or being served) here lately and not yet rated. */
  ticket: { id: string; label: string; status: string } | null;
}

async function counterOf(db: Db, counterId: string) {
  const [counter] = z.uuid().safeParse(counterId).success
    ? await db.select().from(queueCounters).where(eq(queueCounters.id, counterId))
    : [];
  if (!counter) throw notFound('counter_not_found', 'Không tìm thấy quầy');
  return counter;
}

// ---------------------------------------------------------------- device keys (issue 14 §3)

/** The header a tablet sends its key in. */
export const DEVICE_KEY_HEADER = 'x-device-key';

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export interface CounterDeviceView {
  id: string;
  counterId: string;
  name: string;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

const deviceView = (d: typeof counterDevices.$inferSelect): CounterDeviceView => ({
  id: d.id,
  counterId: d.counterId,
  name: d.name,
  prefix: d.prefix,
  createdAt: d.createdAt.toISOString(),
  revokedAt: d.revokedAt?.toISOString() ?? null,
});

/** The counter, for an administrator of its unit (role AND unit scope). */
async function administeredCounter(ctx: ServiceContext, actor: Actor, counterId: string) {
  const db = ctx.database.db;
  const counter = await counterOf(db, counterId);
  const roles = await rolesAt(db, actor.grants, counter.unitId);
  if (!roles.has('unit_admin') && !roles.has('system_admin'))
    throw forbidden('Chỉ quản trị viên của đơn vị được cấp khoá cho máy đánh giá tại quầy');
  return counter;
}

/** Issues a key binding a tablet to the counter; the key is shown once (audited). */
export async function issueCounterDevice(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  counterId: string,
  name: string,
): Promise<CounterDeviceView & { key: string }> {
  const counter = await administeredCounter(ctx, actor, counterId);
  const key = `tb_${randomBytes(24).toString('base64url')}`;
  const id = uuidv7();
  const row = await inTransaction(ctx, async (tx) => {
    const [inserted] = await tx
      .insert(counterDevices)
      .values({
        id,
        counterId: counter.id,
        name,
        keyHash: hashKey(key),
        prefix: key.slice(0, 7),
        issuedBy: actor.id,
      })
      .returning();
    await appendAudit(tx, ctx.clock, meta, {
      action: 'counter_device.issue',
      actor,
      entityType: 'counter_device',
      entityId: id,
      after: { counterId: counter.id, name },
    });
    return inserted!;
  });
  return { ...deviceView(row), key };
}

export async function listCounterDevices(
  ctx: ServiceContext,
  actor: Actor,
  counterId: string,
): Promise<CounterDeviceView[]> {
  const counter = await administeredCounter(ctx, actor, counterId);
  const rows = await ctx.database.db
    .select()
    .from(counterDevices)
    .where(eq(counterDevices.counterId, counter.id))
    .orderBy(desc(counterDevices.createdAt));
  return rows.map(deviceView);
}

/** Revokes a tablet's key at once: it can no longer show or rate (audited). */
export async function revokeCounterDevice(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  counterId: string,
  deviceId: string,
): Promise<CounterDeviceView> {
  const counter = await administeredCounter(ctx, actor, counterId);
  const db = ctx.database.db;
  const [device] = z.uuid().safeParse(deviceId).success
    ? await db
        .select()
        .from(counterDevices)
        .where(and(eq(counterDevices.id, deviceId), eq(counterDevices.counterId, counter.id)))
    : [];
  if (!device) throw notFound('device_not_found', 'Không có máy đánh giá này');
  if (device.revokedAt) return deviceView(device);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx
      .update(counterDevices)
      .set({ revokedAt: ctx.clock(), revokedBy: actor.id })
      .where(eq(counterDevices.id, device.id))
      .returning();
    await appendAudit(tx, ctx.clock, meta, {
      action: 'counter_device.revoke',
      actor,
      entityType: 'counter_device',
      entityId: device.id,
      before: { counterId: counter.id, name: device.name },
    });
    return deviceView(row!);
  });
}

/** The tablet must present a key issued for this very counter and not revoked: else 401. */
async function requireDevice(db: Db, counterId: string, key: string | undefined) {
  const refused = () =>
    new AppError(
      401,
      'device_key_required',
      'Máy đánh giá chưa được cấp khoá cho quầy này, hoặc khoá đã bị thu hồi',
    );
  if (!key) throw refused();
  const [device] = await db
    .select({ id: counterDevices.id })
    .from(counterDevices)
    .where(
      and(
        eq(counterDevices.keyHash, hashKey(key)),
        eq(counterDevices.counterId, counterId),
        isNull(counterDevices.revokedAt),
      ),
    )
    .limit(1);
  if (!device) throw refused();
}

/** What the tablet shows now: the counter, its officer, the ticket to rate (if any). */
export async function ratingTarget(
  ctx: ServiceContext,
  counterId: string,
  deviceKey: string | undefined,
): Promise<RatingTarget> {
  const db = ctx.database.db;
  const counter = await counterOf(db, counterId);
  await requireDevice(db, counter.id, deviceKey);
  const since = new Date(ctx.clock().getTime() - RATING_WINDOW_MS);
  const recent = await db
    .select()
    .from(queueTickets)
    .where(
      and(
        eq(queueTickets.counterId, counter.id),
        inArray(queueTickets.status, ['serving', 'done']),
        gte(queueTickets.calledAt, since),
      ),
    )
    .orderBy(desc(queueTickets.calledAt))
    .limit(1);
  const ticket = recent[0];
  const rated = ticket
    ? await db
        .select({ id: counterRatings.id })
        .from(counterRatings)
        .where(eq(counterRatings.ticketId, ticket.id))
    : [];
  const officerId = ticket?.officerId ?? counter.officerId;
  const [officer] = officerId ? await db.select().from(users).where(eq(users.id, officerId)) : [];
  return {
    counter: { id: counter.id, number: counter.number, name: counter.name },
    officerName: officer?.fullName ?? null,
    ticket: ticket && !rated.length ? { id: ticket.id, label: ticket.label, status: ticket.status } : null,
  };
}

/** The citizen's rating of the officer who served the ticket at this counter. */
export async function rateAtCounter(
  ctx: ServiceContext,
  counterId: string,
  input: CounterRatingInput,
  deviceKey: string | undefined,
): Promise<{ id: string; level: RatingLevel }> {
  const now = ctx.clock();
  // Only the counter's own tablet rates: an anonymous caller cannot (issue 14 §3).
  await requireDevice(ctx.database.db, (await counterOf(ctx.database.db, counterId)).id, deviceKey);
  return inTransaction(ctx, async (tx) => {
    const counter = await counterOf(tx, counterId);
    const [ticket] = await tx
      .select()
      .from(queueTickets)
      .where(eq(queueTickets.id, input.ticketId))
      .for('update');
    if (!ticket || ticket.counterId !== counter.id)
      throw new AppError(400, 'validation_failed', 'Số thứ tự không được phục vụ tại quầy này', [
        { path: 'ticketId', message: 'không phục vụ tại quầy này' },
      ]);
    if (ticket.status !== 'serving' && ticket.status !== 'done')
      throw conflict('not_served', `Số ${ticket.label} chưa được phục vụ`);
    if (!ticket.calledAt || now.getTime() - ticket.calledAt.getTime() > RATING_WINDOW_MS)
      throw conflict('rating_closed', `Đã quá thời gian đánh giá số ${ticket.label}`);
    const id = uuidv7();
    const inserted = await tx
      .insert(counterRatings)
      .values({
        id,
        unitId: counter.unitId,
        counterId: counter.id,
        ticketId: ticket.id,
        dossierId: ticket.dossierId,
        officerId: ticket.officerId,
        level: input.level,
        reasons: input.reasons,
        comment: input.comment || null,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!inserted.length) throw conflict('already_rated', `Số ${ticket.label} đã được đánh giá`);
    const [dossier] = ticket.dossierId
      ? await tx
          .select({ procedureId: dossiers.procedureId })
          .from(dossiers)
          .where(eq(dossiers.id, ticket.dossierId))
      : [];
    await writeActivity(tx, [
      {
        place: { unitId: counter.unitId, procedureId: dossier?.procedureId ?? NO_PROCEDURE },
        items: [ratingActivity({ at: now, level: input.level, officerId: ticket.officerId })],
      },
    ]);
    return { id, level: input.level };
  });
}
