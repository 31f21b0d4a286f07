/**
 * Satisfaction ratings after the result is returned: one per dossier, given by the applicant
 * (proved by the phone or ID number on the dossier), with optional levels per criterion.
 */
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { type RatingInput, type RatingView, ratingInputSchema } from '../../contracts/feedback.ts';
import type { Db } from '../../db/client.ts';
import { dossierEvents, dossiers, ratings } from '../../db/schema.ts';
import { AppError, conflict } from '../../domain/errors.ts';
import { RATING_LEVELS } from '../../domain/statistics/activity.ts';
import { inTransaction, limitsOf, type ServiceContext } from '../platform/index.ts';
import { hitWindow } from '../platform/index.ts';
import { matchSecondFactor, notFound } from './second-factor.ts';
import { recordRatingActivity } from '../rollups/index.ts';

/** The rating input is part of the feedback contract; re-exported for the routes that still import it here. */
export { RATING_LEVELS, ratingInputSchema };
export type { RatingView };

export async function ratingOf(db: Db, dossierId: string): Promise<RatingView | null> {
  const [r] = await db.select().from(ratings).where(eq(ratings.dossierId, dossierId)).limit(1);
  return r
    ? {
        level: r.level,
        criteria: r.criteria as Record<string, string>,
        comment: r.comment,
        createdAt: r.createdAt.toISOString(),
      }
    : null;
}

export async function rateDossier(
  ctx: ServiceContext,
  code: string,
  input: RatingInput,
  /** A request from the web: counted by its address (the demo's own ratings pass nothing). */
  from?: { ip: string | null },
): Promise<RatingView> {
  const db = ctx.database.db;
  // Each try counts against the tracking limiter (the same counter as GET /public/track/{code}):
  // rating must not be a way around it to guess a dossier's phone or ID number (issue 14 §3).
  if (from) {
    const now = ctx.clock();
    const window = await hitWindow(db, `track:${from.ip ?? 'unknown'}`, 60_000, now);
    if (window.count > limitsOf(ctx).trackPerMinute)
      throw Object.assign(
        new AppError(429, 'rate_limited', 'Bạn tra cứu quá nhiều lần, vui lòng thử lại sau ít phút'),
        { retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt.getTime() - now.getTime()) / 1000)) },
      );
  }
  const [row] = await db.select().from(dossiers).where(eq(dossiers.code, code.trim())).limit(1);
  // Rating needs the second factor; without it, or when it is wrong, the dossier "does not exist".
  if (!row || !matchSecondFactor(row.applicant, input)) throw notFound();
  if (row.status !== 'returned')
    throw new AppError(422, 'not_returned', 'Hồ sơ chưa trả kết quả nên chưa đánh giá được');
  const [receive] = await db.select().from(dossierEvents).where(eq(dossierEvents.dossierId, row.id)).limit(1);
  const inserted = await inTransaction(ctx, async (tx) => {
    const rows = await tx
      .insert(ratings)
      .values({
        id: uuidv7(),
        jurisdictionId: row.jurisdictionId,
        dossierId: row.id,
        unitId: row.receivingUnitId,
        officerId: receive?.actorId ?? null,
        level: input.level,
        criteria: input.criteria,
        comment: input.comment || null,
        createdAt: ctx.clock(),
      })
      .onConflictDoNothing()
      .returning();
    // Counted in the satisfaction figures in the same transaction.
    if (rows[0]) await recordRatingActivity(tx, rows[0].id);
    return rows;
  });
  if (inserted.length === 0) throw conflict('already_rated', 'Hồ sơ này đã được đánh giá');
  return (await ratingOf(db, row.id))!;
}
