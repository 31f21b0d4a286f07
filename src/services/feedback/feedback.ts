/**
 * Feedback and complaints (phản ánh, kiến nghị): citizens submit with a category, staff of the unit
 * answer within a deadline in working days, answered items the citizen agreed to publish appear on a
 * public list. Statuses: open → in_progress → answered → closed. Open311 clients use the same data.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gte, inArray, isNull, lte, type SQL } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { type ApiKeyView, FEEDBACK_CATEGORIES, type FeedbackInput } from '../../contracts/feedback.ts';
import { apiKeys, feedback, units } from '../../db/schema.ts';
import { grantCovers, hasRole } from '../../domain/access.ts';
import { AppError, forbidden, notFound } from '../../domain/errors.ts';
import { appendAudit } from '../platform/index.ts';
import { calendarForUnit } from '../calendar/index.ts';
import {
  type Actor,
  inTransaction,
  limitsOf,
  type RequestMeta,
  type ServiceContext,
} from '../platform/index.ts';
import { hitWindow } from '../platform/index.ts';
import { requireUnit, unitAncestry, visibleUnitIds } from '../access/index.ts';

/** The categories are part of the feedback contract (Open311 and the reports read them here too). */
export { FEEDBACK_CATEGORIES };

/** Categories, also the Open311 services. */
/** Answer deadline: 10 working days (Decree 20/2008/NĐ-CP on feedback about administrative rules). */
export const ANSWER_WORKING_DAYS = 10;

export type FeedbackRow = typeof feedback.$inferSelect;

export async function submitFeedback(
  ctx: ServiceContext,
  ip: string | null,
  input: FeedbackInput,
  source: 'portal' | 'open311' | 'hotline' = 'portal',
): Promise<FeedbackRow> {
  const db = ctx.database.db;
  const now = ctx.clock();
  const window = await hitWindow(db, `feedback:${ip ?? 'unknown'}`, 3_600_000, now);
  if (window.count > limitsOf(ctx).feedbackPerHour)
    throw new AppError(429, 'rate_limited', 'Bạn gửi quá nhiều phản ánh, vui lòng thử lại sau');
  const unit = await requireUnit(db, input.unitCode, 'unitCode').catch(() => {
    throw new AppError(400, 'validation_failed', `Không có đơn vị "${input.unitCode}"`, [
      { path: 'unitCode', message: 'Không có đơn vị này' },
    ]);
  });
  const { calendar } = await calendarForUnit(db, unit);
  const [row] = await db
    .insert(feedback)
    .values({
      id: uuidv7(),
      jurisdictionId: unit.jurisdictionId,
      unitId: unit.id,
      category: input.category,
      text: input.text,
      dossierCode: input.dossierCode ?? null,
      submitter: { name: input.name, phone: input.phone, email: input.email },
      publishConsent: input.publish,
      dueAt: calendar.dueAt(now, { kind: 'workingDays', days: ANSWER_WORKING_DAYS }),
      source,
      address: input.address ?? null,
      lat: input.lat ?? null,
      long: input.long ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}

async function assertStaffOf(ctx: ServiceContext, actor: Actor, unitId: string) {
  const ancestry = await unitAncestry(ctx.database.db, unitId);
  if (
    !grantCovers(actor.grants, ['receptionist', 'officer', 'leader', 'unit_admin', 'system_admin'], ancestry)
  )
    throw forbidden();
}

export async function listFeedbackForStaff(ctx: ServiceContext, actor: Actor, status?: string) {
  const db = ctx.database.db;
  const visible = await visibleUnitIds(db, actor.grants);
  if (visible && visible.length === 0) throw forbidden();
  const conditions: SQL[] = [];
  if (visible) conditions.push(inArray(feedback.unitId, visible));
  if (status) conditions.push(eq(feedback.status, status as FeedbackRow['status']));
  return db
    .select()
    .from(feedback)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(feedback.createdAt))
    .limit(200);
}

export async function answerFeedback(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  answer: string,
): Promise<FeedbackRow> {
  const db = ctx.database.db;
  const [row] = await db.select().from(feedback).where(eq(feedback.id, id)).limit(1);
  if (!row) throw notFound('feedback_not_found', 'Không tìm thấy phản ánh');
  await assertStaffOf(ctx, actor, row.unitId);
  if (row.status === 'closed') throw new AppError(422, 'feedback_closed', 'Phản ánh đã đóng');
  return inTransaction(ctx, async (tx) => {
    const [updated] = await tx
      .update(feedback)
      .set({
        status: 'answered',
        answer,
        answeredBy: actor.id,
        answeredAt: ctx.clock(),
        updatedAt: ctx.clock(),
      })
      .where(eq(feedback.id, id))
      .returning();
    await appendAudit(tx, ctx.clock, meta, {
      action: 'feedback.answer',
      actor,
      jurisdictionId: row.jurisdictionId,
      entityType: 'feedback',
      entityId: id,
      before: { status: row.status },
      after: { status: 'answered' },
    });
    return updated!;
  });
}

export async function setFeedbackStatus(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  status: 'in_progress' | 'closed',
): Promise<FeedbackRow> {
  const db = ctx.database.db;
  const [row] = await db.select().from(feedback).where(eq(feedback.id, id)).limit(1);
  if (!row) throw notFound('feedback_not_found', 'Không tìm thấy phản ánh');
  await assertStaffOf(ctx, actor, row.unitId);
  const [updated] = await db
    .update(feedback)
    .set({ status, updatedAt: ctx.clock() })
    .where(eq(feedback.id, id))
    .returning();
  return updated!;
}

/** The public list: answered or closed feedback whose author agreed to publish it (no contact data). */
export async function publishedFeedback(ctx: ServiceContext) {
  const rows = await ctx.database.db
    .select({ f: feedback, unitName: units.name })
    .from(feedback)
    .innerJoin(units, eq(units.id, feedback.unitId))
    .where(and(eq(feedback.publishConsent, true), inArray(feedback.status, ['answered', 'closed'])))
    .orderBy(desc(feedback.answeredAt))
    .limit(100);
  return rows.map(({ f, unitName }) => ({
    id: f.id,
    unitName,
    category: f.category,
    text: f.text,
    answer: f.answer,
    createdAt: f.createdAt.toISOString(),
    answeredAt: f.answeredAt?.toISOString() ?? null,
  }));
}

// ---------------------------------------------------------------- Open311 support

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export type { ApiKeyView };

/**
 * Who manages a key: the system administrator any key; a unit administrator a key scoped to units
 * that all lie inside its own grant (never an unscoped one).
 */
async function mayManageKey(ctx: ServiceContext, actor: Actor, unitIds: readonly string[] | null) {
  if (hasRole(actor.grants, ['system_admin'])) return true;
  if (!unitIds?.length) return false;
  for (const id of unitIds)
    if (!grantCovers(actor.grants, ['unit_admin'], await unitAncestry(ctx.database.db, id))) return false;
  return true;
}

async function keyView(ctx: ServiceContext, row: typeof apiKeys.$inferSelect): Promise<ApiKeyView> {
  const codes = row.unitIds?.length
    ? (
        await ctx.database.db
          .select({ id: units.id, code: units.code })
          .from(units)
          .where(inArray(units.id, row.unitIds))
      )
        .map((u) => u.code)
        .sort()
    : null;
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    unitCodes: codes,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export async function issueApiKey(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  input: { name: string; unitCodes?: string[] | undefined },
): Promise<ApiKeyView & { key: string }> {
  const db = ctx.database.db;
  const unitIds: string[] = [];
  for (const [i, code] of (input.unitCodes ?? []).entries())
    unitIds.push((await requireUnit(db, code, `unitCodes.${i}`)).id);
  if (!(await mayManageKey(ctx, actor, unitIds.length ? unitIds : null)))
    throw forbidden('Chỉ quản trị hệ thống, hoặc quản trị của các đơn vị được chọn, được cấp khoá API');
  const key = `mc_${randomBytes(24).toString('base64url')}`;
  const id = uuidv7();
  await inTransaction(ctx, async (tx) => {
    await tx.insert(apiKeys).values({
      id,
      name: input.name,
      keyHash: hashKey(key),
      prefix: key.slice(0, 7),
      unitIds: unitIds.length ? unitIds : null,
      createdBy: actor.id,
    });
    await appendAudit(tx, ctx.clock, meta, {
      action: 'api_key.issue',
      actor,
      entityType: 'api_key',
      entityId: id,
      after: { name: input.name, unitCodes: input.unitCodes ?? null },
    });
  });
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id));
  return { ...(await keyView(ctx, row!)), key };
}

/** The keys the actor manages, newest first (never the keys themselves). */
export async function listApiKeys(ctx: ServiceContext, actor: Actor): Promise<ApiKeyView[]> {
  if (!hasRole(actor.grants, ['system_admin', 'unit_admin'])) throw forbidden();
  const rows = await ctx.database.db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt));
  const mine: ApiKeyView[] = [];
  for (const row of rows) if (await mayManageKey(ctx, actor, row.unitIds)) mine.push(await keyView(ctx, row));
  return mine;
}

/** Revokes a key at once (Open311 POSTs with it are refused from now on); audited. */
export async function revokeApiKey(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  id: string,
): Promise<ApiKeyView> {
  const db = ctx.database.db;
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id));
  // Another administrator's key is as unknown as a key that does not exist.
  if (!row || !(await mayManageKey(ctx, actor, row.unitIds)))
    throw notFound('api_key_not_found', 'Không có khoá API này');
  if (!row.revokedAt)
    await inTransaction(ctx, async (tx) => {
      await tx
        .update(apiKeys)
        .set({ revokedAt: ctx.clock(), revokedBy: actor.id })
        .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
      await appendAudit(tx, ctx.clock, meta, {
        action: 'api_key.revoke',
        actor,
        entityType: 'api_key',
        entityId: id,
        before: { name: row.name },
      });
    });
  const [after] = await db.select().from(apiKeys).where(eq(apiKeys.id, id));
  return keyView(ctx, after!);
}

/** The key's id and units if it is valid (issued, not revoked), else null. */
export async function apiKeyOf(
  ctx: ServiceContext,
  key: string | undefined,
): Promise<{ id: string; unitIds: string[] | null } | null> {
  if (!key) return null;
  const [row] = await ctx.database.db
    .select({ id: apiKeys.id, unitIds: apiKeys.unitIds })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashKey(key)), isNull(apiKeys.revokedAt)))
    .limit(1);
  return row ?? null;
}

/** True when a key scoped to `unitIds` (null = every unit) may post to the unit. */
export async function keyCoversUnit(ctx: ServiceContext, unitIds: string[] | null, unitId: string) {
  if (!unitIds) return true;
  const ancestry = await unitAncestry(ctx.database.db, unitId);
  return unitIds.some((id) => ancestry.includes(id));
}

/** Feedback whose author agreed to publish it, for Open311 (newest first, at most 1,000). */
export async function findFeedback(
  ctx: ServiceContext,
  filter: { ids?: string[]; category?: string; from?: Date; to?: Date; status?: 'open' | 'closed' },
) {
  // Open311 reads only what the author agreed to publish (issue 14 §3).
  const conditions: SQL[] = [eq(feedback.publishConsent, true)];
  if (filter.ids?.length) conditions.push(inArray(feedback.id, filter.ids));
  if (filter.category) conditions.push(eq(feedback.category, filter.category));
  if (filter.from) conditions.push(gte(feedback.createdAt, filter.from));
  if (filter.to) conditions.push(lte(feedback.createdAt, filter.to));
  if (filter.status === 'open') conditions.push(inArray(feedback.status, ['open', 'in_progress']));
  if (filter.status === 'closed') conditions.push(inArray(feedback.status, ['answered', 'closed']));
  return ctx.database.db
    .select({ f: feedback, unitName: units.name })
    .from(feedback)
    .innerJoin(units, eq(units.id, feedback.unitId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(feedback.createdAt))
    .limit(1000);
}
