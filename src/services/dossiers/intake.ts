/**
 * Intake at the counter: checking a dossier against the procedure version in force, the day's
 * gapless code, the first event; one dossier, a bundle, idempotent retries.
 */
import { createHash } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import {
  dossierCodeCounters,
  dossiers,
  idempotencyKeys,
  procedures,
  procedureUnits,
  procedureVersions,
} from '../../db/schema.ts';
import type { Role } from '../../domain/access.ts';
import { canonicalJson } from '../../domain/audit/chain.ts';
import { localDateOf, type WorkingCalendar, TIME_ZONE } from '../../domain/calendar/index.ts';
import { durationOf, type ProcedureContent } from '../../domain/catalog/procedure.ts';
import { type DossierEvent, formatDossierCode } from '../../domain/dossier/index.ts';
import { AppError, badRequest, conflict, forbidden } from '../../domain/errors.ts';
import type { bundleSchema, IntakeInput, intakeSchema } from '../../domain/reception/intake.ts';
import { foldVietnamese } from '../../domain/text.ts';
import type { ProcessDefinition } from '../../domain/workflow/index.ts';
import { calendarForUnit } from '../calendar/index.ts';
import {
  type Actor,
  inTransaction,
  type RequestMeta,
  type ServiceContext,
  trackingUrl,
} from '../platform/index.ts';
import { enqueueApplicantNotices } from '../notifications/index.ts';
import { processFor } from '../catalog/index.ts';
import { requireUnit, rolesAt, type UnitRow } from '../access/index.ts';

import type { DossierRow } from './events.ts';
import type { DossierContext } from './one-dossier.ts';
import { type History, recordEvent } from './pipeline.ts';
import { getDossierView, buildView, type DossierView } from './views.ts';

export interface IntakeResult {
  dossier: DossierView;
  /** false when an earlier request with the same Idempotency-Key already created it. */
  created: boolean;
}

function requestHash(input: unknown): string {
  return createHash('sha256').update(canonicalJson(input)).digest('hex');
}

/**
 * Receives a complete dossier: checks it against the procedure version in force, issues the code
 * (per unit per local day, gapless: the counter is incremented inside this transaction), computes the
 * due date from the unit's calendar, and appends the `receive` event.
 */
export interface PreparedIntake {
  input: IntakeInput;
  trackingUrlOf: (code: string) => string;
  roles: Set<Role>;
  unit: UnitRow;
  procedure: typeof procedures.$inferSelect;
  version: typeof procedureVersions.$inferSelect;
  content: ProcedureContent;
  process: { version: number; definition: ProcessDefinition };
  calendar: WorkingCalendar;
  receivedAt: Date;
  today: string;
}

/** Everything checked before writing: unit, the receptionist's role there, procedure, checklist. */
export async function prepareIntake(
  ctx: ServiceContext,
  actor: Actor,
  input: IntakeInput,
  pathPrefix = '',
): Promise<PreparedIntake> {
  const db = ctx.database.db;
  const at = (p: string) => `${pathPrefix}${p}`;
  const unit = await requireUnit(db, input.unitCode, 'unitCode').catch(() => {
    throw badRequest('validation_failed', `Không có đơn vị "${input.unitCode}"`, [
      { path: 'unitCode', message: `Không có đơn vị "${input.unitCode}"` },
    ]);
  });
  const roles = await rolesAt(db, actor.grants, unit.id);
  const mayReceive =
    input.channel === 'online'
      ? roles.size > 0 || actor.kind === 'citizen'
      : roles.has('receptionist') || roles.has('system_admin');
  if (!mayReceive) throw forbidden('Chỉ cán bộ một cửa của đơn vị được tiếp nhận hồ sơ');

  const [procedure] = await db
    .select()
    .from(procedures)
    .where(eq(procedures.code, input.procedureCode))
    .limit(1);
  if (procedure?.status !== 'active')
    throw badRequest('validation_failed', `Không có thủ tục "${input.procedureCode}"`, [
      { path: at('procedureCode'), message: `Không có thủ tục "${input.procedureCode}" đang áp dụng` },
    ]);
  const [handled] = await db
    .select()
    .from(procedureUnits)
    .where(and(eq(procedureUnits.procedureId, procedure.id), eq(procedureUnits.unitId, unit.id)));
  if (!handled)
    throw new AppError(422, 'procedure_not_handled', `${unit.name} không tiếp nhận thủ tục này`, [
      { path: at('procedureCode'), message: `${unit.name} không tiếp nhận thủ tục "${procedure.name}"` },
    ]);

  const receivedAt = ctx.clock();
  const today = localDateOf(receivedAt, TIME_ZONE);
  // The version in force at reception is pinned for the dossier's whole life.
  const [version] = await db
    .select()
    .from(procedureVersions)
    .where(
      and(
        eq(procedureVersions.procedureId, procedure.id),
        sql`${procedureVersions.effectiveFrom} <= ${today}`,
      ),
    )
    .orderBy(desc(procedureVersions.number))
    .limit(1);
  if (!version) throw new AppError(422, 'procedure_not_in_force', 'Thủ tục chưa có hiệu lực');
  const content = version.data as ProcedureContent;
  checkDocuments(content, input, pathPrefix);
  if (input.resultDelivery === 'postal' && !input.deliveryAddress && !input.applicant.address)
    throw badRequest('validation_failed', 'Cần địa chỉ nhận kết quả qua bưu chính', [
      { path: 'deliveryAddress', message: 'Cần địa chỉ nhận kết quả qua bưu chính' },
    ]);
  const process = await processFor(db, procedure.code, content);
  const { calendar } = await calendarForUnit(db, unit);
  return {
    input,
    trackingUrlOf: (code: string) => trackingUrl(ctx, code),
    roles,
    unit,
    procedure,
    version,
    content,
    process,
    calendar,
    receivedAt,
    today,
  };
}

/** The next gapless dossier code of a unit for a local day (locks the unit's counter row until commit). */
export async function reserveDossierCode(tx: Db, unit: { id: string; code: string }, today: string) {
  const [counter] = await tx
    .insert(dossierCodeCounters)
    .values({ unitId: unit.id, localDate: today, last: 1 })
    .onConflictDoUpdate({
      target: [dossierCodeCounters.unitId, dossierCodeCounters.localDate],
      set: { last: sql`${dossierCodeCounters.last} + 1` },
    })
    .returning({ last: dossierCodeCounters.last });
  return formatDossierCode(unit.code, today, counter!.last);
}

/**
 * Writes one received dossier inside the caller's transaction: next code of the day (or the code
 * reserved when an online application was submitted), row, first event.
 */
export async function insertDossier(
  tx: Db,
  actor: Actor,
  p: PreparedIntake,
  id: string,
  bundleId: string | null,
  reservedCode?: string,
  /** More facts of the reception for the receive event (e.g. who assisted an online submission). */
  receiveExtras?: Record<string, unknown>,
): Promise<DossierContext> {
  const { input, unit, procedure, version, content, process, calendar, receivedAt, today, trackingUrlOf } = p;
  const receiveEvent: DossierEvent = {
    seq: 1,
    type: 'receive',
    at: receivedAt,
    actorId: actor.id,
    actorName: actor.fullName,
    step: process.definition.start,
    payload: {
      unitCode: unit.code,
      channel: input.channel,
      procedureCode: procedure.code,
      procedureVersion: version.number,
      documents: input.documents.length,
      ...(bundleId ? { bundleId } : {}),
      ...receiveExtras,
      // Every component handed in was scanned at reception: the dossier is digitised (index SH1).
      ...(input.documents.length > 0 && input.documents.every((d) => d.fileId)
        ? { digitized: { dossier: true } }
        : {}),
    },
  };
  const history: History = {
    dossier: {
      id,
      jurisdictionId: unit.jurisdictionId,
      receivingUnitId: unit.id,
      procedureId: procedure.id,
      channel: input.channel,
      resultDelivery: input.resultDelivery,
    },
    definition: process.definition,
    calendar,
    duration: durationOf(content.processingTime),
    events: [],
  };
  let row: DossierRow | undefined;
  const recorded = await recordEvent(
    tx,
    history,
    receiveEvent,
    { unitIds: new Map([[unit.code, unit.id]]), fallbackUnitId: unit.id },
    async (columns, state) => {
      // The daily counter row is the one hot lock of intake: take it last, so it is held only for
      // the dossier insert, the statistics and the commit.
      const code = reservedCode ?? (await reserveDossierCode(tx, unit, today));
      await enqueueApplicantNotices(tx, {
        dossierId: id,
        jurisdictionId: unit.jurisdictionId,
        applicant: input.applicant,
        eventType: 'receive',
        payload: receiveEvent.payload,
        data: {
          code,
          procedureName: content.name,
          unitName: unit.name,
          trackingUrl: trackingUrlOf(code),
          dueAt: state.dueAt,
        },
        now: receivedAt,
      });
      [row] = await tx
        .insert(dossiers)
        .values({
          id,
          jurisdictionId: unit.jurisdictionId,
          code,
          procedureId: procedure.id,
          procedureCode: procedure.code,
          procedureVersion: version.number,
          processCode: process.definition.code,
          processVersion: process.version,
          receivingUnitId: unit.id,
          channel: input.channel,
          applicant: input.applicant,
          applicantIdNumber: input.applicant.idNumber,
          applicantSearch: foldVietnamese(
            `${input.applicant.fullName} ${input.applicant.organization ?? ''}`,
          ),
          formData: input.formData,
          documents: input.documents.map((d) => ({ ...d, name: content.documents[d.index]?.name ?? '' })),
          resultDelivery: input.resultDelivery,
          deliveryAddress: input.deliveryAddress ?? null,
          sets: input.sets,
          fees: input.feeIndexes.map((i) => content.fees[i]!),
          bundleId,
          receivedAt,
          createdBy: actor.id,
          ...columns,
        })
        .returning();
    },
    receivedAt,
  );
  return {
    row: row!,
    procedure: content,
    definition: process.definition,
    calendar,
    events: recorded.events,
    state: recorded.state,
  };
}

/**
 * Receives a complete dossier: checks it against the procedure version in force, issues the code
 * (per unit per local day, gapless: the counter is incremented inside this transaction), computes the
 * due date from the unit's calendar, and appends the `receive` event.
 */
export async function receiveDossier(
  ctx: ServiceContext,
  actor: Actor,
  _meta: RequestMeta,
  input: z.infer<typeof intakeSchema>,
  idempotencyKey: string | null,
): Promise<IntakeResult> {
  const db = ctx.database.db;
  const scope = `intake:${actor.id}`;
  const hash = requestHash(input);
  if (idempotencyKey) {
    const previous = await findIdempotent(db, scope, idempotencyKey, hash);
    if (previous) return { dossier: await getDossierView(ctx, actor, previous), created: false };
  }
  const prepared = await prepareIntake(ctx, actor, input);
  const id = uuidv7();
  const outcome = await inTransaction(ctx, async (tx) => {
    if (idempotencyKey) {
      const claimed = await tx
        .insert(idempotencyKeys)
        .values({ scope, key: idempotencyKey, requestHash: hash, dossierId: id })
        .onConflictDoNothing()
        .returning();
      // Another request with this key committed first (or is committing): answer with its dossier.
      if (claimed.length === 0) return null;
    }
    return insertDossier(tx, actor, prepared, id, null);
  });
  if (outcome === null && idempotencyKey) {
    const previous = await findIdempotent(db, scope, idempotencyKey, hash);
    if (previous) return { dossier: await getDossierView(ctx, actor, previous), created: false };
    throw conflict(
      'idempotency_in_progress',
      'Yêu cầu cùng Idempotency-Key đang được xử lý, vui lòng thử lại',
    );
  }
  // The answer is built from what was just written: no second round of reads on the hot path.
  const unitRow = { id: prepared.unit.id, code: prepared.unit.code, name: prepared.unit.name };
  return { dossier: buildView(outcome!, [unitRow], prepared.roles, [], ctx.clock()), created: true };
}

/**
 * Linked procedures submitted once (e.g. death registration + removal from the residence register +
 * funeral allowance): one dossier each, sharing a bundle id, all received in one transaction.
 */
export async function receiveBundle(
  ctx: ServiceContext,
  actor: Actor,
  input: z.infer<typeof bundleSchema>,
): Promise<{ bundleId: string; dossiers: DossierView[] }> {
  const prepared: PreparedIntake[] = [];
  for (const [i, item] of input.items.entries()) {
    const { items: _items, ...common } = input;
    prepared.push(await prepareIntake(ctx, actor, { ...common, ...item, sets: 1 }, `items.${i}.`));
  }
  const bundleId = uuidv7();
  const codes = await inTransaction(ctx, async (tx) => {
    const out: string[] = [];
    for (const p of prepared) out.push((await insertDossier(tx, actor, p, uuidv7(), bundleId)).row.code);
    return out;
  });
  return { bundleId, dossiers: await Promise.all(codes.map((c) => getDossierView(ctx, actor, c))) };
}

async function findIdempotent(db: Db, scope: string, key: string, hash: string): Promise<string | null> {
  const [row] = await db
    .select({ requestHash: idempotencyKeys.requestHash, code: dossiers.code })
    .from(idempotencyKeys)
    .innerJoin(dossiers, eq(dossiers.id, idempotencyKeys.dossierId))
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  if (!row) return null;
  if (row.requestHash !== hash)
    throw new AppError(422, 'idempotency_key_reused', 'Idempotency-Key này đã dùng cho một hồ sơ khác');
  return row.code;
}

/** The checklist: every submitted document must be in it, and every required one must be there. */
function checkDocuments(content: ProcedureContent, input: IntakeInput, pathPrefix = '') {
  const errors: { path: string; message: string }[] = [];
  input.documents.forEach((d, i) => {
    if (!content.documents[d.index])
      errors.push({
        path: `${pathPrefix}documents.${i}.index`,
        message: `Giấy tờ số ${d.index} không có trong danh mục của thủ tục`,
      });
  });
  const seen = new Set(input.documents.map((d) => d.index));
  content.documents.forEach((doc, index) => {
    if (doc.required && !seen.has(index))
      errors.push({ path: `${pathPrefix}documents`, message: `Thiếu: ${doc.name}` });
  });
  input.feeIndexes.forEach((f, i) => {
    if (!content.fees[f])
      errors.push({ path: `${pathPrefix}feeIndexes.${i}`, message: `Không có mức phí số ${f} của thủ tục` });
  });
  if (errors.length)
    throw new AppError(
      422,
      'incomplete_dossier',
      'Hồ sơ chưa đầy đủ: lập Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)',
      errors,
    );
}
