/**
 * The satisfaction tablet of a counter (issue 7 §2): right after service the citizen rates the
 * officer who served the ticket, at one of the four levels, with optional reasons. One rating per
 * ticket, only for a ticket served at that counter within the last half hour; counted in the
 * satisfaction figures (activity) in the same transaction, credited to that officer.
 */
import { and, desc, eq, gte, inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { counterRatings, dossiers, queueCounters, queueTickets, users } from '../db/schema.ts';
import { AppError, conflict, notFound } from '../domain/errors.ts';
import { RATING_LEVELS, type RatingLevel, ratingActivity } from '../domain/statistics/activity.ts';
import { inTransaction, type ServiceContext } from './context.ts';
import { NO_PROCEDURE, writeActivity } from './report-activity.ts';

/** A ticket may be rated this long after it was served. */
const RATING_WINDOW_MS = 30 * 60_000;

export const RATING_REASONS = ['attitude', 'guidance', 'waiting', 'speed', 'facilities'] as const;

export const counterRatingSchema = z.object({
  ticketId: z.uuid({ error: 'Mã số thứ tự không hợp lệ' }),
  level: z.enum(RATING_LEVELS),
  reasons: z.array(z.enum(RATING_REASONS)).max(RATING_REASONS.length).default([]),
  comment: z.string().trim().max(500).optional(),
});

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

/** What the tablet shows now: the counter, its officer, the ticket to rate (if any). */
export async function ratingTarget(ctx: ServiceContext, counterId: string): Promise<RatingTarget> {
  const db = ctx.database.db;
  const counter = await counterOf(db, counterId);
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
  input: z.infer<typeof counterRatingSchema>,
): Promise<{ id: string; level: RatingLevel }> {
  const now = ctx.clock();
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
