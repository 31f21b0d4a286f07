/**
 * Submission of a complete draft: every answer, attachment and choice checked field by field, a
 * dossier code reserved, the citizen told what happens next and the fee due.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { onlineApplications, storedFiles, units } from '../../db/schema.ts';
import {
  applicantOf,
  effectiveForm,
  type FormAnswers,
  type FormError,
  type FormLocale,
  validateAnswers,
} from '../../domain/applications/form.ts';
import { decideApplication, requireApplicationAction } from '../../domain/applications/lifecycle.ts';
import { provinceName } from '../../domain/applications/provinces.ts';
import { localDateOf, TIME_ZONE } from '../../domain/calendar/index.ts';
import type { ProcedureContent } from '../../domain/catalog/procedure.ts';
import { AppError, badRequest, conflict } from '../../domain/errors.ts';
import { appendAudit } from '../platform/index.ts';
import {
  type Actor,
  inTransaction,
  type RequestMeta,
  type ServiceContext,
  trackingUrl,
} from '../platform/index.ts';
import { reserveDossierCode } from '../dossiers/index.ts';
import { enqueueApplicantNotices } from '../notifications/index.ts';
import {
  type ApplicationDocument,
  type ApplicationRow,
  contentOf,
  feesOf,
  ownApplication,
} from './common.ts';

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
