/**
 * Online applications: a citizen's draft (saved as typed, resumable on any device), its submission
 * (a dossier code is reserved and the citizen told what happens next), and the receiving unit's
 * acceptance — the dossier is then received through the same intake as at the counter, channel
 * `online`, and its clock starts — or refusal with a reason.
 */
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import {
  citizenProfiles,
  dossiers,
  onlineApplications,
  payments,
  procedures,
  procedureUnits,
  procedureVersions,
  staffNotifications,
  storedFiles,
  userRoles,
  units,
  users,
} from '../../db/schema.ts';
import type { Role } from '../../domain/access.ts';
import {
  applicantOf,
  effectiveForm,
  type FormAnswers,
  type FormError,
  type FormLocale,
  validateAnswers,
} from '../../domain/applications/form.ts';
import {
  applicationRefusal,
  type ApplicationStatus,
  decideApplication,
  requireApplicationAction,
} from '../../domain/applications/lifecycle.ts';
import { provinceName } from '../../domain/applications/provinces.ts';
import { localDateOf, TIME_ZONE } from '../../domain/calendar/index.ts';
import type { ProcedureContent } from '../../domain/catalog/procedure.ts';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../domain/errors.ts';
import { computeFees } from '../../domain/payments/fees.ts';
import { intakeSchema } from '../../domain/reception/intake.ts';
import { appendAudit } from '../platform/index.ts';
import {
  type AssistConsent,
  type AssistInput,
  assistantTeam,
  assistInputSchema,
  assistedViewOf,
  isAssistant,
} from '../staff/index.ts';
import {
  type Actor,
  inTransaction,
  type RequestMeta,
  type ServiceContext,
  trackingUrl,
} from '../platform/index.ts';
import {
  insertDossier,
  loadDossierContext,
  prepareIntake,
  reserveDossierCode,
  rolesAt,
  visibleUnitIds,
} from '../dossiers/index.ts';
import { enqueueApplicantNotices } from '../notifications/index.ts';

type ApplicationRow = typeof onlineApplications.$inferSelect;
export type { ApplicationStatus };

export interface ApplicationDocument {
  index: number;
  fileIds: string[];
}

export const createApplicationSchema = z.object({
  procedureCode: z.string().trim().min(1).max(50),
  /** Members of a community digital team: the citizen they submit for, and the citizen's consent. */
  assisted: assistInputSchema.optional(),
});

export const saveApplicationSchema = z.object({
  revision: z.number().int().min(1),
  answers: z.record(z.string(), z.unknown()).optional(),
  documents: z
    .array(z.object({ index: z.number().int().min(0), fileIds: z.array(z.uuid()).max(20) }))
    .max(100)
    .optional(),
  unitCode: z.string().trim().min(1).max(50).nullable().optional(),
  resultDelivery: z.enum(['counter', 'postal', 'online']).nullable().optional(),
  deliveryAddress: z.string().trim().max(500).nullable().optional(),
  feeIndexes: z.array(z.number().int().min(0)).max(50).optional(),
  /** The ground for paying none of the fees, when the applicant declares one (checked by the office). */
  feeExemption: z.string().trim().max(500).nullable().optional(),
});
export type SaveApplicationInput = z.infer<typeof saveApplicationSchema>;

/** Citizens apply for themselves; community digital team members (role `assistant`) for citizens. */
const citizenOnly = (actor: Actor) => {
  if (actor.kind !== 'citizen' && !isAssistant(actor))
    throw new AppError(403, 'citizen_only', 'Chức năng này dành cho tài khoản công dân, tổ chức');
};
const applicationNotFound = () => notFound('application_not_found', 'Không tìm thấy hồ sơ trực tuyến');

/** The procedure version in force today (local date) for an active procedure. */
async function versionInForce(db: Db, procedureId: string, today: string) {
  const [version] = await db
    .select()
    .from(procedureVersions)
    .where(
      and(
        eq(procedureVersions.procedureId, procedureId),
        sql`${procedureVersions.effectiveFrom} <= ${today}`,
      ),
    )
    .orderBy(desc(procedureVersions.number))
    .limit(1);
  return version;
}

async function contentOf(db: Db, row: ApplicationRow): Promise<ProcedureContent> {
  const [version] = await db
    .select({ data: procedureVersions.data })
    .from(procedureVersions)
    .where(
      and(
        eq(procedureVersions.procedureId, row.procedureId),
        eq(procedureVersions.number, row.procedureVersion),
      ),
    );
  if (!version) throw new AppError(500, 'invalid_application', 'Không tìm thấy phiên bản thủ tục');
  return version.data as ProcedureContent;
}

async function ownApplication(db: Db, actor: Actor, id: string): Promise<ApplicationRow> {
  citizenOnly(actor);
  if (!z.uuid().safeParse(id).success) throw applicationNotFound();
  const [row] = await db.select().from(onlineApplications).where(eq(onlineApplications.id, id));
  if (!row || row.citizenId !== actor.id) throw applicationNotFound();
  return row;
}

/** Units that receive the procedure (those a citizen may choose). */
async function unitsOffering(db: Db, procedureId: string) {
  return db
    .select({ id: units.id, code: units.code, name: units.name, address: units.address })
    .from(procedureUnits)
    .innerJoin(units, eq(units.id, procedureUnits.unitId))
    .where(eq(procedureUnits.procedureId, procedureId))
    .orderBy(units.name);
}

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

function feesOf(content: ProcedureContent, row: ApplicationRow, postalFee: number) {
  return computeFees({
    fees: content.fees,
    feeIndexes: (row.feeIndexes as number[]).filter((i) => content.fees[i] !== undefined),
    resultDelivery: row.resultDelivery ?? 'counter',
    postalFee,
  });
}

// ---------------------------------------------------------------- the citizen

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

/** Everything wrong with an application before it can be submitted, field by field. */
async function submissionErrors(
  db: Db,
  row: ApplicationRow,
  content: ProcedureContent,
  locale: FormLocale,
): Promise<FormError[]> {
  const en = locale === 'en';
  const errors = validateAnswers(effectiveForm(content.eForm), row.answers as FormAnswers, locale);
  if (!row.unitId)
    errors.push({ path: 'unitCode', message: en ? 'Choose the receiving office' : 'Chọn nơi nộp hồ sơ' });
  if (!row.resultDelivery)
    errors.push({
      path: 'resultDelivery',
      message: en ? 'Choose how to receive the result' : 'Chọn hình thức nhận kết quả',
    });
  if (row.resultDelivery === 'postal') {
    if (!content.postalReturn)
      errors.push({
        path: 'resultDelivery',
        message: en
          ? 'This procedure does not return results by post'
          : 'Thủ tục này không trả kết quả qua bưu chính',
      });
    if (!row.deliveryAddress?.trim())
      errors.push({
        path: 'deliveryAddress',
        message: en ? 'Enter the address for the post' : 'Nhập địa chỉ nhận kết quả qua bưu chính',
      });
  }
  const documents = row.documents as ApplicationDocument[];
  const files = await db
    .select({ id: storedFiles.id })
    .from(storedFiles)
    .where(eq(storedFiles.applicationId, row.id));
  const owned = new Set(files.map((f) => f.id));
  content.documents.forEach((doc, index) => {
    const attached = documents.find((d) => d.index === index)?.fileIds.filter((f) => owned.has(f)) ?? [];
    if (doc.required && attached.length === 0)
      errors.push({
        path: `documents.${index}`,
        message: en ? `Attach: ${doc.name}` : `Cần đính kèm: ${doc.name}`,
      });
  });
  documents.forEach((d, i) => {
    if (!content.documents[d.index] || d.fileIds.some((f) => !owned.has(f)))
      errors.push({
        path: `documents.${i}`,
        message: en ? 'Unknown document or file' : 'Giấy tờ hoặc tệp không thuộc hồ sơ này',
      });
  });
  (row.feeIndexes as number[]).forEach((f, i) => {
    if (!content.fees[f])
      errors.push({ path: `feeIndexes.${i}`, message: en ? 'Unknown fee' : 'Không có mức phí này' });
  });
  // The fee follows from the fee table and what the applicant declares: paying nothing for a
  // procedure that has a fee takes a declared ground for the exemption (issue 14 §3).
  const hasFee = content.fees.some((f) => (f.amount ?? 0) > 0);
  if (hasFee && (row.feeIndexes as number[]).length === 0 && !row.feeExemption?.trim())
    errors.push({
      path: 'feeIndexes',
      message: en
        ? 'Choose the fee for your case, or state why you are exempt'
        : 'Chọn mức phí, lệ phí cho trường hợp của bạn, hoặc nêu căn cứ được miễn',
    });
  return errors;
}

/** Submits a complete draft: reserves the dossier code, tells the citizen, and what fee is due. */
export async function submitApplication(
  ctx: ServiceContext,
  config: { postalFee: number },
  actor: Actor,
  meta: RequestMeta,
  id: string,
  input: { revision: number; locale?: FormLocale },
): Promise<{ code: string }> {
  const db = ctx.database.db;
  const row = await ownApplication(db, actor, id);
  const submitted = requireApplicationAction(row.status, 'submit');
  if (row.revision !== input.revision)
    throw conflict('draft_conflict', 'Bản nháp vừa được lưu từ thiết bị khác: tải lại để tiếp tục');
  const content = await contentOf(db, row);
  const locale = input.locale ?? 'vi';
  const errors = await submissionErrors(db, row, content, locale);
  if (errors.length)
    throw badRequest(
      'validation_failed',
      locale === 'en' ? 'Some answers need attention' : 'Hồ sơ còn thông tin chưa hợp lệ',
      errors,
    );
  const [unit] = await db.select().from(units).where(eq(units.id, row.unitId!));
  if (!unit) throw new AppError(500, 'invalid_application', 'Không tìm thấy đơn vị');
  const now = ctx.clock();
  const fees = feesOf(content, row, config.postalFee);
  const applicant = applicantOf(row.answers as FormAnswers, provinceName);
  const code = await inTransaction(ctx, async (tx) => {
    const [locked] = await tx
      .select({ status: onlineApplications.status, revision: onlineApplications.revision })
      .from(onlineApplications)
      .where(eq(onlineApplications.id, id))
      .for('update');
    if (!locked || !decideApplication(locked.status, 'submit').ok || locked.revision !== row.revision)
      throw conflict('draft_conflict', 'Bản nháp vừa thay đổi: tải lại để tiếp tục');
    const code = await reserveDossierCode(tx, unit, localDateOf(now, TIME_ZONE));
    await tx
      .update(onlineApplications)
      .set({
        status: submitted,
        code,
        submittedAt: now,
        updatedAt: now,
        jurisdictionId: unit.jurisdictionId,
      })
      .where(eq(onlineApplications.id, id));
    const data = {
      code,
      procedureName: content.name,
      unitName: unit.name,
      trackingUrl: trackingUrl(ctx, code),
      amount: fees.total,
    };
    const notice = {
      dossierId: null,
      // Assisted: the citizen hears by the phone in the form, not through the assistant's account.
      ...(row.assistedBy ? {} : { citizenId: actor.id }),
      jurisdictionId: unit.jurisdictionId,
      applicant,
      eventType: 'submit',
      payload: {},
      data,
      now,
    };
    await enqueueApplicantNotices(tx, { ...notice, template: 'submitted' });
    if (fees.total > 0) await enqueueApplicantNotices(tx, { ...notice, template: 'payment_due' });
    await appendAudit(tx, ctx.clock, meta, {
      action: 'application.submit',
      actor,
      jurisdictionId: unit.jurisdictionId,
      entityType: 'online_application',
      entityId: id,
      after: {
        code,
        procedureCode: row.procedureCode,
        unitCode: unit.code,
        fee: fees.total,
        ...(row.assistTeamId ? { assistTeamId: row.assistTeamId } : {}),
      },
    });
    return code;
  });
  return { code };
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

export interface ApplicationListItem {
  id: string;
  status: ApplicationStatus;
  code: string | null;
  procedureCode: string;
  procedureName: string;
  unitName: string | null;
  updatedAt: string;
  submittedAt: string | null;
  /** The dossier's own status once accepted. */
  dossierStatus: string | null;
  appointmentAt: string | null;
  /** For an assistant: the citizen the application is for. */
  assistedFor: string | null;
}

/** "My dossiers": drafts, submitted, and the dossiers they became. */
export async function listMyApplications(ctx: ServiceContext, actor: Actor): Promise<ApplicationListItem[]> {
  citizenOnly(actor);
  const db = ctx.database.db;
  const rows = await db
    .select({
      app: onlineApplications,
      procedureName: procedures.name,
      unitName: units.name,
      dossierStatus: dossiers.status,
      appointmentAt: dossiers.appointmentAt,
    })
    .from(onlineApplications)
    .innerJoin(procedures, eq(procedures.id, onlineApplications.procedureId))
    .leftJoin(units, eq(units.id, onlineApplications.unitId))
    .leftJoin(dossiers, eq(dossiers.id, onlineApplications.dossierId))
    .where(and(eq(onlineApplications.citizenId, actor.id), sql`${onlineApplications.status} <> 'withdrawn'`))
    .orderBy(desc(onlineApplications.updatedAt))
    .limit(200);
  return rows.map((r) => ({
    id: r.app.id,
    status: r.app.status,
    code: r.app.code,
    procedureCode: r.app.procedureCode,
    procedureName: r.procedureName,
    unitName: r.unitName,
    updatedAt: r.app.updatedAt.toISOString(),
    submittedAt: r.app.submittedAt?.toISOString() ?? null,
    dossierStatus: r.dossierStatus,
    appointmentAt: r.appointmentAt?.toISOString() ?? null,
    assistedFor: (r.app.assistConsent as AssistConsent | null)?.fullName ?? null,
  }));
}

/** The whole application as its owner (or an officer of its unit) sees it. */
async function applicationView(ctx: ServiceContext, config: { postalFee: number }, row: ApplicationRow) {
  const db = ctx.database.db;
  const content = await contentOf(db, row);
  const offering = await unitsOffering(db, row.procedureId);
  const files = await db
    .select({
      id: storedFiles.id,
      name: storedFiles.originalName,
      size: storedFiles.size,
      mediaType: storedFiles.mediaType,
      purpose: storedFiles.purpose,
      createdAt: storedFiles.createdAt,
    })
    .from(storedFiles)
    .where(
      row.dossierId
        ? sql`${storedFiles.applicationId} = ${row.id} or ${storedFiles.dossierId} = ${row.dossierId}`
        : eq(storedFiles.applicationId, row.id),
    )
    .orderBy(storedFiles.createdAt);
  const paymentRows = await db
    .select({
      id: payments.id,
      state: payments.state,
      amount: payments.amount,
      method: payments.method,
      receiptNumber: payments.receiptNumber,
      paidAt: payments.paidAt,
    })
    .from(payments)
    .where(
      row.dossierId
        ? sql`${payments.applicationId} = ${row.id} or ${payments.dossierId} = ${row.dossierId}`
        : eq(payments.applicationId, row.id),
    )
    .orderBy(desc(payments.createdAt));
  const fees = feesOf(content, row, config.postalFee);
  const paid = paymentRows.some((p) => p.state === 'paid');
  let dossier = null;
  if (row.dossierId) {
    const [d] = await db.select().from(dossiers).where(eq(dossiers.id, row.dossierId));
    if (d) {
      const dc = await loadDossierContext(db, d);
      const s = dc.state;
      const lastRequest = [...dc.events].reverse().find((e) => e.type === 'request_supplement');
      const request = lastRequest?.payload as { reason?: string; items?: { document: string }[] } | undefined;
      const resultReady = s.status === 'resolved' || s.status === 'returned';
      dossier = {
        status: s.status,
        receivedAt: s.receivedAt.toISOString(),
        dueAt: s.dueAt.toISOString(),
        appointmentAt: s.appointmentAt.toISOString(),
        resolvedAt: s.resolvedAt?.toISOString() ?? null,
        returnedAt: s.returnedAt?.toISOString() ?? null,
        supplementRequest:
          s.status === 'paused' && request
            ? {
                at: lastRequest!.at.toISOString(),
                reason: request.reason ?? '',
                items: (request.items ?? []).map((i) => i.document),
              }
            : null,
        resultReady,
      };
    }
  }
  const unit = offering.find((u) => u.id === row.unitId) ?? null;
  return {
    id: row.id,
    status: row.status,
    code: row.code,
    revision: row.revision,
    procedure: {
      code: row.procedureCode,
      version: row.procedureVersion,
      name: content.name,
      processingTimeText: content.processingTimeText ?? null,
      postalReturn: content.postalReturn,
      fees: content.fees,
      feeNote: content.feeNote ?? null,
      documents: content.documents,
    },
    form: effectiveForm(content.eForm),
    units: offering.map((u) => ({ code: u.code, name: u.name, address: u.address })),
    unitCode: unit?.code ?? null,
    unitName: unit?.name ?? null,
    answers: row.answers as FormAnswers,
    documents: row.documents as ApplicationDocument[],
    feeIndexes: row.feeIndexes as number[],
    feeExemption: row.feeExemption,
    resultDelivery: row.resultDelivery,
    deliveryAddress: row.deliveryAddress,
    postalFee: config.postalFee,
    fees,
    paid,
    payments: paymentRows.map((p) => ({
      ...p,
      paidAt: p.paidAt?.toISOString() ?? null,
    })),
    files: files.map((f) => ({ ...f, createdAt: f.createdAt.toISOString() })),
    refusalReason: row.refusalReason,
    assisted: await assistedViewOf(db, row),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    dossier,
  };
}
export type ApplicationView = Awaited<ReturnType<typeof applicationView>>;

export async function getMyApplication(
  ctx: ServiceContext,
  config: { postalFee: number },
  actor: Actor,
  id: string,
): Promise<ApplicationView> {
  return applicationView(ctx, config, await ownApplication(ctx.database.db, actor, id));
}

/**
 * The citizen hands in what the office asked for (files already uploaded with purpose
 * 'supplement'): the officers of the dossier's unit are told, and confirm it with "receive supplement".
 */
export async function submitSupplement(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  input: { fileIds: string[]; note?: string | undefined },
): Promise<void> {
  const db = ctx.database.db;
  const row = await ownApplication(db, actor, id);
  requireApplicationAction(row.status, 'supplement');
  if (!row.dossierId) throw applicationRefusal('supplement');
  const [d] = await db.select().from(dossiers).where(eq(dossiers.id, row.dossierId));
  if (d?.status !== 'paused')
    throw conflict('no_supplement_requested', 'Hồ sơ không ở trạng thái chờ bổ sung');
  const files = input.fileIds.length
    ? await db
        .select({ id: storedFiles.id, name: storedFiles.originalName })
        .from(storedFiles)
        .where(
          and(
            inArray(storedFiles.id, input.fileIds),
            eq(storedFiles.dossierId, d.id),
            eq(storedFiles.purpose, 'supplement'),
          ),
        )
    : [];
  if (files.length === 0 || files.length !== input.fileIds.length)
    throw badRequest('validation_failed', 'Cần đính kèm giấy tờ bổ sung', [
      { path: 'fileIds', message: 'Cần đính kèm giấy tờ bổ sung' },
    ]);
  await inTransaction(ctx, async (tx) => {
    await notifyStaff(tx, d, {
      dedupeKey: `supplement:${d.id}:${ctx.clock().toISOString()}`,
      title: `Hồ sơ ${d.code}: công dân đã bổ sung trực tuyến`,
      body: `${files.length} tệp: ${files.map((f) => f.name).join(', ')}${input.note ? `. Ghi chú: ${input.note}` : ''}. Kiểm tra và "Nhận bổ sung" để tiếp tục tính thời hạn.`,
    });
    await appendAudit(tx, ctx.clock, meta, {
      action: 'application.supplement',
      actor,
      jurisdictionId: d.jurisdictionId,
      entityType: 'dossier',
      entityId: d.id,
      after: { fileIds: input.fileIds, note: input.note ?? null },
    });
  });
}

/** An in-app notice to the dossier's assignee, or to the receptionists of its unit. */
async function notifyStaff(
  tx: Db,
  d: { id: string; jurisdictionId: string; currentUnitId: string; assigneeId: string | null },
  notice: { dedupeKey: string; title: string; body: string },
) {
  const recipients = d.assigneeId
    ? [d.assigneeId]
    : (
        await tx
          .selectDistinct({ userId: userRoles.userId })
          .from(userRoles)
          .where(and(eq(userRoles.unitId, d.currentUnitId), eq(userRoles.role, 'receptionist')))
      ).map((r) => r.userId);
  if (recipients.length === 0) return;
  await tx
    .insert(staffNotifications)
    .values(
      recipients.map((userId) => ({
        id: uuidv7(),
        jurisdictionId: d.jurisdictionId,
        userId,
        kind: 'online' as const,
        dossierId: d.id,
        ...notice,
      })),
    )
    .onConflictDoNothing();
}

// ---------------------------------------------------------------- the receiving unit

const RECEIVING_ROLES: readonly Role[] = ['receptionist', 'system_admin'];

async function mayReceiveAt(db: Db, actor: Actor, unitId: string): Promise<boolean> {
  const roles = await rolesAt(db, actor.grants, unitId);
  return RECEIVING_ROLES.some((r) => roles.has(r));
}

/** Submitted applications waiting for acceptance at the units the officer can see. */
export async function listPendingApplications(
  ctx: ServiceContext,
  actor: Actor,
  query: { unitCode?: string | undefined; status?: ApplicationStatus | undefined },
) {
  if (actor.kind !== 'staff') throw forbidden();
  const db = ctx.database.db;
  const visible = await visibleUnitIds(db, actor.grants);
  const status = query.status ?? 'submitted';
  const rows = await db
    .select({
      app: onlineApplications,
      procedureName: procedures.name,
      unitCode: units.code,
      unitName: units.name,
    })
    .from(onlineApplications)
    .innerJoin(procedures, eq(procedures.id, onlineApplications.procedureId))
    .innerJoin(units, eq(units.id, onlineApplications.unitId))
    .where(
      and(
        eq(onlineApplications.status, status),
        visible === null
          ? undefined
          : visible.length
            ? inArray(onlineApplications.unitId, visible)
            : sql`false`,
        query.unitCode ? eq(units.code, query.unitCode) : undefined,
      ),
    )
    .orderBy(onlineApplications.submittedAt)
    .limit(500);
  const paidIds = new Set(
    rows.length
      ? (
          await db
            .select({ applicationId: payments.applicationId })
            .from(payments)
            .where(
              and(
                inArray(
                  payments.applicationId,
                  rows.map((r) => r.app.id),
                ),
                eq(payments.state, 'paid'),
              ),
            )
        ).map((p) => p.applicationId)
      : [],
  );
  return rows.map((r) => {
    const applicant = applicantOf(r.app.answers as FormAnswers, provinceName);
    return {
      id: r.app.id,
      code: r.app.code,
      status: r.app.status,
      procedureCode: r.app.procedureCode,
      procedureName: r.procedureName,
      unitCode: r.unitCode,
      unitName: r.unitName,
      applicantName: applicant.fullName,
      submittedAt: r.app.submittedAt?.toISOString() ?? null,
      paid: paidIds.has(r.app.id),
      // Submitted for the citizen by a community digital team member (details in the application).
      assisted: r.app.assistedBy !== null,
    };
  });
}

async function officerApplication(ctx: ServiceContext, actor: Actor, id: string) {
  if (actor.kind !== 'staff') throw forbidden();
  const db = ctx.database.db;
  if (!z.uuid().safeParse(id).success) throw applicationNotFound();
  const [row] = await db.select().from(onlineApplications).where(eq(onlineApplications.id, id));
  if (!row?.unitId || row.status === 'draft') throw applicationNotFound();
  const roles = await rolesAt(db, actor.grants, row.unitId);
  if (roles.size === 0) throw applicationNotFound();
  return row;
}

export async function getApplicationForOfficer(
  ctx: ServiceContext,
  config: { postalFee: number },
  actor: Actor,
  id: string,
) {
  return applicationView(ctx, config, await officerApplication(ctx, actor, id));
}

/**
 * Accepts a submitted application: receives the dossier (channel `online`, the reserved code, the
 * files as its documents) in one transaction; the clock starts now and the citizen is told.
 */
export async function acceptApplication(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  id: string,
): Promise<{ code: string }> {
  const db = ctx.database.db;
  const row = await officerApplication(ctx, actor, id);
  if (!(await mayReceiveAt(db, actor, row.unitId!)))
    throw forbidden('Chỉ cán bộ một cửa của đơn vị được tiếp nhận hồ sơ');
  const accepted = requireApplicationAction(row.status, 'accept');
  const [unit] = await db.select({ code: units.code }).from(units).where(eq(units.id, row.unitId!));
  const documents = row.documents as ApplicationDocument[];
  const parsed = intakeSchema.safeParse({
    procedureCode: row.procedureCode,
    unitCode: unit!.code,
    channel: 'online',
    applicant: applicantOf(row.answers as FormAnswers, provinceName),
    formData: row.answers,
    // Scans uploaded online are electronic copies of the originals.
    documents: documents
      .filter((d) => d.fileIds.length > 0)
      .map((d) => ({ index: d.index, form: 'copy', copies: 1, fileId: d.fileIds[0] })),
    resultDelivery: row.resultDelivery ?? 'online',
    feeIndexes: row.feeIndexes,
    ...(row.deliveryAddress ? { deliveryAddress: row.deliveryAddress } : {}),
  });
  if (!parsed.success)
    throw new AppError(
      422,
      'invalid_application',
      'Thông tin hồ sơ trực tuyến không hợp lệ, cần từ chối và nêu lý do',
    );
  const prepared = await prepareIntake(ctx, actor, parsed.data);
  const dossierId = uuidv7();
  await inTransaction(ctx, async (tx) => {
    await lockFor(tx, id, 'accept');
    const now = ctx.clock();
    // Linked first, so the notices of the receive event find the citizen (Zalo opt-in).
    await tx
      .update(onlineApplications)
      .set({ status: accepted, dossierId, decidedAt: now, decidedBy: actor.id, updatedAt: now })
      .where(eq(onlineApplications.id, id));
    await insertDossier(
      tx,
      actor,
      prepared,
      dossierId,
      null,
      row.code!,
      row.assistedBy ? { assisted: { by: row.assistedBy, teamId: row.assistTeamId } } : undefined,
    );
    await tx.update(storedFiles).set({ dossierId }).where(eq(storedFiles.applicationId, id));
    await tx.update(payments).set({ dossierId }).where(eq(payments.applicationId, id));
    await appendAudit(tx, ctx.clock, meta, {
      action: 'application.accept',
      actor,
      jurisdictionId: prepared.unit.jurisdictionId,
      entityType: 'online_application',
      entityId: id,
      after: { code: row.code, dossierId },
    });
  });
  return { code: row.code! };
}

/**
 * Locks the application until commit and decides again under the lock: only one officer's
 * decision on a submitted one wins. Returns the status the decision leaves it in.
 */
async function lockFor(tx: Db, id: string, action: 'accept' | 'refuse'): Promise<ApplicationStatus> {
  const [locked] = await tx
    .select({ status: onlineApplications.status })
    .from(onlineApplications)
    .where(eq(onlineApplications.id, id))
    .for('update');
  if (!locked) throw applicationRefusal(action);
  return requireApplicationAction(locked.status, action);
}

/** Refuses a submitted application with the reason the citizen will read. */
export async function refuseApplication(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  input: { reason: string },
): Promise<void> {
  const db = ctx.database.db;
  const row = await officerApplication(ctx, actor, id);
  if (!(await mayReceiveAt(db, actor, row.unitId!)))
    throw forbidden('Chỉ cán bộ một cửa của đơn vị được từ chối tiếp nhận hồ sơ');
  const content = await contentOf(db, row);
  const [unit] = await db.select().from(units).where(eq(units.id, row.unitId!));
  await inTransaction(ctx, async (tx) => {
    const refused = await lockFor(tx, id, 'refuse');
    const now = ctx.clock();
    await tx
      .update(onlineApplications)
      .set({
        status: refused,
        refusalReason: input.reason,
        decidedAt: now,
        decidedBy: actor.id,
        updatedAt: now,
      })
      .where(eq(onlineApplications.id, id));
    await enqueueApplicantNotices(tx, {
      dossierId: null,
      citizenId: row.citizenId,
      template: 'intake_refused',
      jurisdictionId: unit!.jurisdictionId,
      applicant: applicantOf(row.answers as FormAnswers, provinceName),
      eventType: 'intake_refused',
      payload: { reason: input.reason },
      data: {
        code: row.code!,
        procedureName: content.name,
        unitName: unit!.name,
        trackingUrl: trackingUrl(ctx, row.code!),
      },
      now,
    });
    await appendAudit(tx, ctx.clock, meta, {
      action: 'application.refuse',
      actor,
      jurisdictionId: unit!.jurisdictionId,
      entityType: 'online_application',
      entityId: id,
      after: { reason: input.reason },
    });
  });
}

function placeName(unitName: string): string {
  const place = unitName.replace(/^(UBND|Ủy ban nhân dân)\s+/iu, '');
  return place.charAt(0).toLocaleUpperCase('vi') + place.slice(1);
}

/** Provinces, and the communes served here (by jurisdiction root code), for address pickers. */
export async function divisions(ctx: ServiceContext) {
  const rows = await ctx.database.db
    .select({
      code: units.code,
      name: units.name,
      level: units.level,
      jurisdictionId: units.jurisdictionId,
      id: units.id,
    })
    .from(units);
  const roots = rows.filter((u) => u.id === u.jurisdictionId);
  const communes: Record<string, { code: string; name: string }[]> = {};
  for (const root of roots) {
    communes[root.code] = rows
      .filter((u) => u.jurisdictionId === root.id && u.level === 'commune')
      // Units are named after their people's committee ("UBND phường Long Xuyên"); an address names the place.
      .map((u) => ({ code: u.code, name: placeName(u.name) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }
  return communes;
}
