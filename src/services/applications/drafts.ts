/**
 * The citizen's draft: started (or resumed on any device), autosaved with a revision, withdrawn.
 * Members of a community digital team start drafts for a citizen, with the citizen's consent.
 */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { AssistInput, SaveApplicationInput } from '../../contracts/applications.ts';
import type { Db } from '../../db/client.ts';
import { citizenProfiles, onlineApplications, procedures, users } from '../../db/schema.ts';
import { requireApplicationAction } from '../../domain/applications/lifecycle.ts';
import { localDateOf, TIME_ZONE } from '../../domain/calendar/index.ts';
import type { ProcedureContent } from '../../domain/catalog/procedure.ts';
import { AppError, badRequest, conflict } from '../../domain/errors.ts';
import { appendAudit } from '../platform/index.ts';
import { type Actor, inTransaction, type RequestMeta, type ServiceContext } from '../platform/index.ts';
import { citizenOnly, ownApplication, unitsOffering, versionInForce } from './common.ts';
import { type AssistConsent, assistantTeam, isAssistant } from '../community/index.ts';

/** The applicant group prefilled from the saved profile, or from the account. */
async function prefilledApplicant(db: Db, userId: string): Promise<Record<string, unknown>> {
  const [row] = await db
    .select({
      fullName: users.fullName,
      phone: users.phone,
      email: users.email,
      saved: citizenProfiles.applicant,
    })
    .from(users)
    .leftJoin(citizenProfiles, eq(citizenProfiles.userId, users.id))
    .where(eq(users.id, userId));
  if (!row) return {};
  const saved = { ...((row.saved ?? {}) as Record<string, unknown>) };
  // The profile keeps the address as one line; the form asks for province and commune separately.
  if (typeof saved.address === 'string') saved.address = { street: saved.address };
  const fromAccount = Object.fromEntries(
    Object.entries({ fullName: row.fullName, phone: row.phone, email: row.email }).filter(([, v]) => v),
  );
  return { ...fromAccount, ...saved };
}

/** Starts a draft for a procedure, or returns the citizen's open draft for it (resume on any device). */
export async function startApplication(
  ctx: ServiceContext,
  actor: Actor,
  procedureCode: string,
  assist?: AssistInput,
  meta?: RequestMeta,
): Promise<{ id: string; created: boolean }> {
  citizenOnly(actor);
  const db = ctx.database.db;
  // An assistant always submits for someone, and a citizen for themself.
  if (isAssistant(actor) && !assist)
    throw badRequest('validation_failed', 'Nộp thay cần thông tin và sự đồng ý của người dân', [
      { path: 'assisted', message: 'Cần họ tên, số định danh, điện thoại và cách người dân đồng ý' },
    ]);
  if (!isAssistant(actor) && assist)
    throw new AppError(403, 'assistant_only', 'Chỉ thành viên tổ công nghệ số cộng đồng được nộp thay');
  const team = assist ? await assistantTeam(db, actor, assist.teamId) : null;
  const [procedure] = await db.select().from(procedures).where(eq(procedures.code, procedureCode)).limit(1);
  if (procedure?.status !== 'active')
    throw badRequest('validation_failed', `Không có thủ tục "${procedureCode}"`, [
      { path: 'procedureCode', message: `Không có thủ tục "${procedureCode}" đang áp dụng` },
    ]);
  const version = await versionInForce(db, procedure.id, localDateOf(ctx.clock(), TIME_ZONE));
  if (!version) throw new AppError(422, 'procedure_not_in_force', 'Thủ tục chưa có hiệu lực');
  const content = version.data as ProcedureContent;
  if (content.onlineLevel === 'counter')
    throw new AppError(
      422,
      'not_online',
      'Thủ tục này chưa nộp trực tuyến được: mời Ông/Bà nộp trực tiếp tại Bộ phận một cửa',
    );
  const [open] = await db
    .select({ id: onlineApplications.id })
    .from(onlineApplications)
    .where(
      and(
        eq(onlineApplications.citizenId, actor.id),
        eq(onlineApplications.procedureId, procedure.id),
        eq(onlineApplications.status, 'draft'),
        // An assistant resumes the draft of the same citizen only.
        assist
          ? sql`${onlineApplications.assistConsent}->>'idNumber' = ${assist.idNumber}`
          : isNull(onlineApplications.assistedBy),
      ),
    )
    .orderBy(desc(onlineApplications.updatedAt))
    .limit(1);
  if (open) return { id: open.id, created: false };
  const offering = await unitsOffering(db, procedure.id);
  const id = uuidv7();
  const now = ctx.clock();
  const consent: AssistConsent | null = assist
    ? {
        fullName: assist.fullName,
        idNumber: assist.idNumber,
        phone: assist.phone,
        method: assist.method,
        ...(assist.fileId ? { fileId: assist.fileId } : {}),
        ...(assist.note ? { note: assist.note } : {}),
        recordedAt: now.toISOString(),
      }
    : null;
  await inTransaction(ctx, async (tx) => {
    await tx.insert(onlineApplications).values({
      id,
      citizenId: actor.id,
      procedureId: procedure.id,
      procedureCode: procedure.code,
      procedureVersion: version.number,
      // One unit offers it: nothing to choose.
      unitId: offering.length === 1 ? offering[0]!.id : null,
      answers: {
        applicant: consent
          ? { fullName: consent.fullName, idNumber: consent.idNumber, phone: consent.phone }
          : await prefilledApplicant(tx, actor.id),
      },
      resultDelivery: 'online',
      createdAt: now,
      updatedAt: now,
      ...(consent && team ? { assistedBy: actor.id, assistTeamId: team.id, assistConsent: consent } : {}),
    });
    // The citizen's consent is what allows someone else to act for them: it is audited.
    if (consent && team && meta)
      await appendAudit(tx, ctx.clock, meta, {
        action: 'application.assist_consent',
        actor,
        jurisdictionId: null,
        entityType: 'online_application',
        entityId: id,
        after: {
          teamId: team.id,
          citizen: consent.fullName,
          idNumber: consent.idNumber,
          method: consent.method,
        },
      });
  });
  return { id, created: true };
}

/** Autosave: a stale revision (another device saved meanwhile) gets 409 with the current revision. */
export async function saveApplication(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  input: SaveApplicationInput,
): Promise<{ revision: number; updatedAt: string }> {
  const db = ctx.database.db;
  const row = await ownApplication(db, actor, id);
  requireApplicationAction(row.status, 'save');
  let unitId: string | null | undefined;
  if (input.unitCode !== undefined) {
    if (input.unitCode === null) unitId = null;
    else {
      const unit = (await unitsOffering(db, row.procedureId)).find((u) => u.code === input.unitCode);
      if (!unit)
        throw badRequest('validation_failed', 'Đơn vị không tiếp nhận thủ tục này', [
          { path: 'unitCode', message: 'Đơn vị không tiếp nhận thủ tục này' },
        ]);
      unitId = unit.id;
    }
  }
  const now = ctx.clock();
  const [saved] = await db
    .update(onlineApplications)
    .set({
      ...(input.answers !== undefined ? { answers: input.answers } : {}),
      ...(input.documents !== undefined ? { documents: input.documents } : {}),
      ...(unitId !== undefined ? { unitId } : {}),
      ...(input.resultDelivery !== undefined ? { resultDelivery: input.resultDelivery } : {}),
      ...(input.deliveryAddress !== undefined ? { deliveryAddress: input.deliveryAddress } : {}),
      ...(input.feeIndexes !== undefined ? { feeIndexes: input.feeIndexes } : {}),
      ...(input.feeExemption !== undefined ? { feeExemption: input.feeExemption || null } : {}),
      revision: sql`${onlineApplications.revision} + 1`,
      updatedAt: now,
    })
    .where(
      and(
        eq(onlineApplications.id, id),
        eq(onlineApplications.revision, input.revision),
        eq(onlineApplications.status, 'draft'),
      ),
    )
    .returning({ revision: onlineApplications.revision });
  if (!saved) {
    const [current] = await db
      .select({ revision: onlineApplications.revision })
      .from(onlineApplications)
      .where(eq(onlineApplications.id, id));
    throw Object.assign(
      conflict('draft_conflict', 'Bản nháp vừa được lưu từ thiết bị khác: tải lại để tiếp tục'),
      { currentRevision: current?.revision },
    );
  }
  return { revision: saved.revision, updatedAt: now.toISOString() };
}

/** A draft is deleted; a submitted application not yet accepted is withdrawn. */
export async function withdrawApplication(ctx: ServiceContext, actor: Actor, meta: RequestMeta, id: string) {
  const db = ctx.database.db;
  const row = await ownApplication(db, actor, id);
  const withdrawn = requireApplicationAction(row.status, 'withdraw');
  await inTransaction(ctx, async (tx) => {
    await tx
      .update(onlineApplications)
      .set({ status: withdrawn, updatedAt: ctx.clock() })
      .where(eq(onlineApplications.id, id));
    await appendAudit(tx, ctx.clock, meta, {
      action: 'application.withdraw',
      actor,
      entityType: 'online_application',
      entityId: id,
      before: { status: row.status },
    });
  });
}
