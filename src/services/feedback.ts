/**
 * Feedback and complaints (phản ánh, kiến nghị): citizens submit with a category, staff of the unit
 * answer within a deadline in working days, answered items the citizen agreed to publish appear on a
 * public list. Statuses: open → in_progress → answered → closed. Open311 clients use the same data.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gte, inArray, isNull, lte, type SQL } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { apiKeys, feedback, units } from '../db/schema.ts';
import { grantCovers, hasRole } from '../domain/access.ts';
import { AppError, forbidden, notFound } from '../domain/errors.ts';
import { appendAudit } from './audit.ts';
import { calendarForUnit } from './calendar.ts';
import { type Actor, inTransaction, limitsOf, type RequestMeta, type ServiceContext } from './context.ts';
import { visibleUnitIds } from './dossiers.ts';
import { hitWindow } from './rate-limit.ts';
import { requireUnit, unitAncestry } from './units.ts';

/** Categories, also the Open311 services. */
export const FEEDBACK_CATEGORIES = [
  { code: 'procedure', name: 'Quy định, thủ tục hành chính', nameEn: 'Rules and procedures' },
  { code: 'attitude', name: 'Thái độ, tác phong cán bộ', nameEn: 'Officer attitude' },
  { code: 'delay', name: 'Chậm trễ giải quyết hồ sơ', nameEn: 'Late processing' },
  { code: 'fee', name: 'Phí, lệ phí', nameEn: 'Fees and charges' },
  { code: 'online', name: 'Dịch vụ công trực tuyến', nameEn: 'Online public services' },
  { code: 'other', name: 'Khác', nameEn: 'Other' },
] as const;
const CATEGORY_CODES = FEEDBACK_CATEGORIES.map((c) => c.code) as [string, ...string[]];

/** Answer deadline: 10 working days (Decree 20/2008/NĐ-CP on feedback about administrative rules). */
export const ANSWER_WORKING_DAYS = 10;

export const feedbackInputSchema = z
  .object({
    unitCode: z.string().trim().min(1),
    category: z.enum(CATEGORY_CODES),
    text: z.string().trim().min(10, 'Nội dung cần ít nhất 10 ký tự').max(5000),
    dossierCode: z.string().trim().max(80).optional(),
    name: z.string().trim().min(2).max(200),
    phone: z.string().trim().max(20).optional(),
    email: z.email().optional(),
    publish: z.boolean().default(false),
    address: z.string().trim().max(500).optional(),
    lat: z.string().max(30).optional(),
    long: z.string().max(30).optional(),
  })
  .refine((f) => f.phone || f.email, {
    message: 'Cần số điện thoại hoặc e-mail để nhận trả lời',
    path: ['phone'],
  });

export type FeedbackRow = typeof feedback.$inferSelect;

export async function submitFeedback(
  ctx: ServiceContext,
  ip: string | null,
  input: z.infer<typeof feedbackInputSchema>,
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

export async function issueApiKey(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  name: string,
): Promise<{ id: string; key: string }> {
  if (!hasRole(actor.grants, ['system_admin'])) throw forbidden('Chỉ quản trị hệ thống cấp khoá API');
  const key = `mc_${randomBytes(24).toString('base64url')}`;
  const id = uuidv7();
  await inTransaction(ctx, async (tx) => {
    await tx
      .insert(apiKeys)
      .values({ id, name, keyHash: createHash('sha256').update(key).digest('hex'), createdBy: actor.id });
    await appendAudit(tx, ctx.clock, meta, {
      action: 'api_key.issue',
      actor,
      entityType: 'api_key',
      entityId: id,
      after: { name },
    });
  });
  return { id, key };
}

export async function apiKeyValid(ctx: ServiceContext, key: string | undefined): Promise<boolean> {
  if (!key) return false;
  const [row] = await ctx.database.db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(
      and(eq(apiKeys.keyHash, createHash('sha256').update(key).digest('hex')), isNull(apiKeys.revokedAt)),
    )
    .limit(1);
  return Boolean(row);
}

export async function findFeedback(
  ctx: ServiceContext,
  filter: { ids?: string[]; category?: string; from?: Date; to?: Date; status?: 'open' | 'closed' },
) {
  const conditions: SQL[] = [];
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
