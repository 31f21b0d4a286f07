/**
 * Dossier use cases: intake at the counter, actions through the workflow, reading and listing.
 * One transaction each; every state change is an event appended in that transaction, and the
 * dossier row is the projection of its events.
 */
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { type Db, rowsOf } from '../../db/client.ts';
import {
  dossierCodeCounters,
  dossierEvents,
  dossiers,
  idempotencyKeys,
  procedures,
  procedureUnits,
  procedureVersions,
  units,
} from '../../db/schema.ts';
import type { Role } from '../../domain/access.ts';
import { canonicalJson, GENESIS_HASH } from '../../domain/audit/chain.ts';
import { localDateOf, type WorkingCalendar, TIME_ZONE } from '../../domain/calendar/index.ts';
import { durationOf, type ProcedureContent } from '../../domain/catalog/procedure.ts';
import {
  allowedActions,
  decide,
  type DossierEvent,
  type DossierState,
  deriveDossierState,
  dossierTimeliness,
  eventHash,
  eventOf,
  formatDossierCode,
} from '../../domain/dossier/index.ts';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../domain/errors.ts';
import type { bundleSchema, IntakeInput, intakeSchema } from '../../domain/reception/intake.ts';
import { foldVietnamese } from '../../domain/text.ts';
import type { ProcessDefinition } from '../../domain/workflow/index.ts';
import { calendarForUnit } from '../calendar/index.ts';
import { recordAccess } from '../access/index.ts';
import {
  type Actor,
  inTransaction,
  NO_META,
  type RequestMeta,
  type ServiceContext,
  trackingUrl,
} from '../platform/index.ts';
import { enqueueApplicantNotices } from '../notifications/index.ts';
import { loadProcess, processFor, procedureVersionContent } from '../catalog/index.ts';
import { requireUnit, rolesAt, type UnitRow, visibleUnitIds } from '../access/index.ts';
import { writeDossierStatistics } from '../rollups/index.ts';
import { assistedViewOfDossier } from '../community/index.ts';
import type { DossierListItem, DossierView } from '../../contracts/dossiers.ts';
import { timeLeftOf } from './time-left.ts';

export type DossierRow = typeof dossiers.$inferSelect;

// ---------------------------------------------------------------- events

async function loadEvents(db: Db, dossierId: string): Promise<(DossierEvent & { hash: string })[]> {
  const rows = await db
    .select()
    .from(dossierEvents)
    .where(eq(dossierEvents.dossierId, dossierId))
    .orderBy(asc(dossierEvents.seq));
  return rows.map(eventOf);
}

async function appendEvent(
  tx: Db,
  dossier: { id: string; jurisdictionId: string },
  prevHash: string,
  event: DossierEvent,
  unitId: string | null,
): Promise<string> {
  const hash = eventHash(prevHash, { ...event, dossierId: dossier.id });
  await tx.insert(dossierEvents).values({
    dossierId: dossier.id,
    seq: event.seq,
    jurisdictionId: dossier.jurisdictionId,
    type: event.type,
    at: event.at,
    actorId: event.actorId,
    actorName: event.actorName,
    step: event.step,
    unitId,
    payload: event.payload,
    prevHash,
    hash,
  });
  return hash;
}

/**
 * Verifies every dossier's event chain (the same rule as the audit chain: each hash covers the
 * previous one and the event's own content). Returns the first broken event, if any.
 */
export async function verifyDossierChains(
  db: Db,
): Promise<{ ok: boolean; dossiers: number; events: number; broken?: { code: string; seq: number } }> {
  const rows = await db
    .select({ ev: dossierEvents, code: dossiers.code })
    .from(dossierEvents)
    .innerJoin(dossiers, eq(dossiers.id, dossierEvents.dossierId))
    .orderBy(asc(dossierEvents.dossierId), asc(dossierEvents.seq));
  let current = '';
  let prev = GENESIS_HASH;
  let count = 0;
  for (const { ev, code } of rows) {
    if (ev.dossierId !== current) {
      current = ev.dossierId;
      prev = GENESIS_HASH;
      count++;
    }
    const { hash: _stored, ...event } = eventOf(ev);
    const expected = eventHash(prev, { ...event, dossierId: ev.dossierId });

    if (ev.prevHash !== prev || ev.hash !== expected)
      return { ok: false, dossiers: count, events: rows.length, broken: { code, seq: ev.seq } };
    prev = ev.hash;
  }
  return { ok: true, dossiers: count, events: rows.length };
}

/**
 * The applicant of the caller's unit's most recent dossier with this ID number (to reuse at
 * reception). The look-up goes to the personal-data access log, with the dossier found.
 */
export async function findApplicant(
  ctx: ServiceContext,
  actor: Actor,
  idNumber: string,
  meta: RequestMeta = NO_META,
): Promise<unknown | null> {
  const db = ctx.database.db;
  const visible = await visibleUnitIds(db, actor.grants);
  if (visible && visible.length === 0) throw forbidden();
  const [row] = await db
    .select({
      applicant: dossiers.applicant,
      id: dossiers.id,
      code: dossiers.code,
      unitId: dossiers.receivingUnitId,
      jurisdictionId: dossiers.jurisdictionId,
    })
    .from(dossiers)
    .where(
      and(
        eq(dossiers.applicantIdNumber, idNumber),
        visible
          ? or(inArray(dossiers.receivingUnitId, visible), inArray(dossiers.currentUnitId, visible))
          : undefined,
      ),
    )
    .orderBy(desc(dossiers.receivedAt))
    .limit(1);
  await recordAccess(db, ctx.clock, meta, {
    actor,
    action: 'applicant.lookup_by_id',
    subject: { type: 'id_number', idNumber },
    dossier: row
      ? { id: row.id, code: row.code, unitId: row.unitId, jurisdictionId: row.jurisdictionId }
      : null,
  });
  return row?.applicant ?? null;
}

// ---------------------------------------------------------------- context of one dossier

export interface DossierContext {
  row: DossierRow;
  procedure: ProcedureContent;
  definition: ProcessDefinition;
  calendar: WorkingCalendar;
  events: (DossierEvent & { hash: string })[];
  state: DossierState;
}

export async function loadDossierContext(db: Db, row: DossierRow): Promise<DossierContext> {
  const procedure = await procedureVersionContent(db, row.procedureId, row.procedureVersion);
  const { definition } = await loadProcess(db, row.processCode, row.processVersion);
  const [receiving] = await db.select().from(units).where(eq(units.id, row.receivingUnitId));
  const { calendar } = await calendarForUnit(db, receiving!);
  const events = await loadEvents(db, row.id);
  const state = deriveDossierState(definition, events, {
    calendar,
    duration: durationOf(procedure.processingTime),
    supplementMode: definition.supplementMode,
  });
  return { row, procedure, definition, calendar, events, state };
}

/** A dossier the actor may see, else 404 (never reveal that a dossier of another unit exists). */
export async function findVisibleDossier(
  db: Db,
  actor: Actor,
  code: string,
  lock = false,
): Promise<DossierRow> {
  const query = db.select().from(dossiers).where(eq(dossiers.code, code)).limit(1);
  const [row] = lock ? await query.for('update') : await query;
  const hidden = () => notFound('dossier_not_found', `Không tìm thấy hồ sơ "${code}"`);
  if (!row) throw hidden();
  const visible = await visibleUnitIds(db, actor.grants);
  if (visible && !visible.includes(row.receivingUnitId) && !visible.includes(row.currentUnitId))
    throw hidden();
  return row;
}

/** The projection columns that follow from a state. */
export function projection(state: DossierState, unitIdByCode: Map<string, string>, fallbackUnitId: string) {
  return {
    status: state.status,
    step: state.step,
    assigneeId: state.assigneeId,
    currentUnitId: (state.unitCode && unitIdByCode.get(state.unitCode)) || fallbackUnitId,
    dueAt: state.dueAt,
    appointmentAt: state.appointmentAt,
    pausedAt: state.pausedAt,
    resolvedAt: state.resolvedAt,
    returnedAt: state.returnedAt,
    closedAt: state.closedAt,
  };
}

export async function unitIdsByCode(db: Db): Promise<Map<string, string>> {
  const rows = await db.select({ id: units.id, code: units.code }).from(units);
  return new Map(rows.map((r) => [r.code, r.id]));
}

// ---------------------------------------------------------------- intake

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
  const state = deriveDossierState(process.definition, [receiveEvent], {
    calendar,
    duration: durationOf(content.processingTime),
    supplementMode: process.definition.supplementMode,
  });
  // Record the promised due date in the event itself: it is what the receipt (Mẫu 01) says.
  receiveEvent.payload.dueAt = state.dueAt.toISOString();
  // The daily counter row is the one hot lock of intake: take it last, so it is held only for the
  // dossier insert and the commit.
  const hash = await appendEvent(
    tx,
    { id, jurisdictionId: unit.jurisdictionId },
    GENESIS_HASH,
    receiveEvent,
    unit.id,
  );
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
  const [row] = await tx
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
      applicantSearch: foldVietnamese(`${input.applicant.fullName} ${input.applicant.organization ?? ''}`),
      formData: input.formData,
      documents: input.documents.map((d) => ({ ...d, name: content.documents[d.index]?.name ?? '' })),
      resultDelivery: input.resultDelivery,
      deliveryAddress: input.deliveryAddress ?? null,
      sets: input.sets,
      fees: input.feeIndexes.map((i) => content.fees[i]!),
      bundleId,
      version: 1,
      receivedAt,
      createdBy: actor.id,
      ...projection(state, new Map([[unit.code, unit.id]]), unit.id),
    })
    .returning();
  await writeDossierStatistics(
    tx,
    { dossierId: id, unitId: unit.id, procedureId: procedure.id },
    {
      definition: process.definition,
      events: [receiveEvent],
      calendar,
      duration: durationOf(content.processingTime),
      channel: input.channel,
      resultDelivery: input.resultDelivery,
    },
    1,
  );
  return {
    row: row!,
    procedure: content,
    definition: process.definition,
    calendar,
    events: [{ ...receiveEvent, hash }],
    state,
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

// ---------------------------------------------------------------- actions

export interface ActionInput {
  action: string;
  expectedVersion: number;
  note?: string | undefined;
  payload: Record<string, unknown>;
}

/** Takes an action on a dossier: optimistic concurrency on `version`, one event, projection updated. */
export async function actOnDossier(
  ctx: ServiceContext,
  actor: Actor,
  _meta: RequestMeta,
  code: string,
  input: ActionInput,
): Promise<DossierView> {
  await inTransaction(ctx, async (tx) => {
    // Row lock: two officers acting at once are serialised, and the second sees the new version.
    const row = await findVisibleDossier(tx, actor, code, true);
    if (row.version !== input.expectedVersion)
      throw conflict(
        'version_conflict',
        `Hồ sơ đã thay đổi (phiên bản ${row.version}, bạn gửi ${input.expectedVersion}); tải lại rồi thử lại`,
      );
    const dc = await loadDossierContext(tx, row);
    const holdingUnit = dc.state.unitCode ? (await requireUnit(tx, dc.state.unitCode)).id : row.currentUnitId;
    const roles = await rolesAt(tx, actor.grants, holdingUnit);
    const now = ctx.clock();
    const decided = decide(
      dc.definition,
      dc.state,
      {
        type: input.action as never,
        payload: { ...input.payload, ...(input.note ? { note: input.note } : {}) },
      },
      roles,
      now,
    );
    const event: DossierEvent = {
      ...decided,
      seq: row.version + 1,
      actorId: actor.id,
      actorName: actor.fullName,
    };
    const events = [...dc.events, event];
    const state = deriveDossierState(dc.definition, events, {
      calendar: dc.calendar,
      duration: durationOf(dc.procedure.processingTime),
      supplementMode: dc.definition.supplementMode,
    });
    // A resumed clock's new due date is recorded in the event, like the one given at reception.
    if (event.type === 'receive_supplement')
      event.payload = { ...event.payload, dueAt: state.dueAt.toISOString() };
    const unitMap = await unitIdsByCode(tx);
    const prevHash = dc.events[dc.events.length - 1]?.hash ?? GENESIS_HASH;
    await appendEvent(tx, row, prevHash, event, unitMap.get(state.unitCode ?? '') ?? row.currentUnitId);
    await tx
      .update(dossiers)
      .set({ ...projection(state, unitMap, row.currentUnitId), version: event.seq, updatedAt: now })
      .where(eq(dossiers.id, row.id));
    await writeDossierStatistics(
      tx,
      { dossierId: row.id, unitId: row.receivingUnitId, procedureId: row.procedureId },
      {
        definition: dc.definition,
        events,
        calendar: dc.calendar,
        duration: durationOf(dc.procedure.processingTime),
        channel: row.channel,
        resultDelivery: row.resultDelivery,
      },
      event.seq,
    );
    const [receiving] = await tx.select().from(units).where(eq(units.id, row.receivingUnitId));
    await enqueueApplicantNotices(tx, {
      dossierId: row.id,
      jurisdictionId: row.jurisdictionId,
      applicant: row.applicant as { phone?: string; email?: string },
      eventType: event.type,
      payload: event.payload,
      data: {
        code: row.code,
        procedureName: dc.procedure.name,
        unitName: receiving?.name ?? '',
        trackingUrl: trackingUrl(ctx, row.code),
        dueAt: state.appointmentAt,
      },
      now,
    });
  });
  // After a hand-over the actor may no longer hold the dossier; they still get to see what they did.
  return getDossierView(ctx, actor, code, { afterOwnAction: true });
}

// ---------------------------------------------------------------- reading

export type { DossierView };

export async function getDossierView(
  ctx: ServiceContext,
  actor: Actor,
  code: string,
  opts: { afterOwnAction?: boolean } = {},
): Promise<DossierView> {
  const db = ctx.database.db;
  const row = opts.afterOwnAction
    ? (await db.select().from(dossiers).where(eq(dossiers.code, code)).limit(1))[0]!
    : await findVisibleDossier(db, actor, code);
  const dc = await loadDossierContext(db, row);
  const unitRows = await db
    .select()
    .from(units)
    .where(inArray(units.id, [row.receivingUnitId, row.currentUnitId]));
  const roles = await rolesAt(db, actor.grants, row.currentUnitId);
  const bundle = row.bundleId
    ? (
        await db
          .select({ code: dossiers.code, procedureCode: dossiers.procedureCode, status: dossiers.status })
          .from(dossiers)
          .where(eq(dossiers.bundleId, row.bundleId))
          .orderBy(asc(dossiers.code))
      ).filter((b) => b.code !== row.code)
    : [];
  const view = buildView(dc, unitRows, roles, bundle, ctx.clock());
  view.assisted = row.channel === 'online' ? await assistedViewOfDossier(db, row.id) : null;
  return view;
}

/** The view of a dossier from what is already loaded (no queries). */
function buildView(
  dc: DossierContext,
  unitRows: { id: string; code: string; name: string }[],
  roles: ReadonlySet<Role>,
  bundle: DossierView['bundle'],
  now: Date,
): DossierView {
  const row = dc.row;
  const unitOf = (id: string) => {
    const u = unitRows.find((x) => x.id === id)!;
    return { code: u.code, name: u.name };
  };
  const stepName = (c: string | null) => dc.definition.steps.find((st) => st.code === c)?.name ?? c;
  const s = dc.state;
  return {
    bundle,
    dueExplanation: dc.calendar.dueDate(s.receivedAt, durationOf(dc.procedure.processingTime)).explanation,
    code: row.code,
    status: s.status,
    step: s.step,
    stepName: stepName(s.step),
    version: row.version,
    channel: row.channel,
    procedure: {
      code: row.procedureCode,
      name: dc.procedure.name,
      version: row.procedureVersion,
      processingTime: dc.procedure.processingTime,
    },
    receivingUnit: unitOf(row.receivingUnitId),
    currentUnit: unitOf(row.currentUnitId),
    applicant: row.applicant,
    documents: row.documents,
    formData: row.formData,
    resultDelivery: row.resultDelivery,
    receivedAt: s.receivedAt.toISOString(),
    dueAt: s.dueAt.toISOString(),
    appointmentAt: s.appointmentAt.toISOString(),
    originalDueAt: s.originalDueAt.toISOString(),
    extended: s.extended,
    paused: s.paused,
    pausedMinutes: s.pausedMinutes,
    resolvedAt: s.resolvedAt?.toISOString() ?? null,
    returnedAt: s.returnedAt?.toISOString() ?? null,
    timeliness: dossierTimeliness(s, dc.calendar, now),
    timeLeft: timeLeftOf({ status: s.status, paused: s.paused, dueAt: s.dueAt }, dc.calendar, now),
    assigneeId: s.assigneeId,
    steps: s.steps.map((st) => ({
      step: st.step,
      stepName: stepName(st.step) ?? st.step,
      unitCode: st.unitCode,
      assigneeId: st.assigneeId,
      startedAt: st.startedAt.toISOString(),
      endedAt: st.endedAt?.toISOString() ?? null,
      deadline: st.deadline.toISOString(),
      timeliness: st.timeliness,
    })),
    events: dc.events.map((e) => ({
      seq: e.seq,
      type: e.type,
      at: e.at.toISOString(),
      actorName: e.actorName,
      step: e.step,
      payload: e.payload,
    })),
    allowedActions: allowedActions(dc.definition, s, roles).map((a) => ({
      type: a.type,
      label: a.label,
      to: a.to,
    })),
  };
}

export interface DossierListQuery {
  status?: string | undefined;
  step?: string | undefined;
  /** 'me' = dossiers assigned to the caller. */
  assignee?: string | undefined;
  unit?: string | undefined;
  overdue?: boolean | undefined;
  q?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

export type { DossierListItem };

/** An inbox search that is an ID number (CCCD 12 digits, CMND 9): a look-up of personal data. */
const ID_NUMBER_QUERY = /^(\d{9}|\d{12})$/;

/**
 * Dossiers in the caller's scope, newest first, with a keyset cursor (stable under inserts). A
 * search by ID number goes to the personal-data access log: one row per dossier of that applicant
 * on the page (one without a dossier when none).
 */
export async function listDossiers(
  ctx: ServiceContext,
  actor: Actor,
  query: DossierListQuery,
  meta: RequestMeta = NO_META,
) {
  const db = ctx.database.db;
  const visible = await visibleUnitIds(db, actor.grants);
  if (visible && visible.length === 0) throw forbidden();
  const conditions: SQL[] = [];
  if (visible)
    conditions.push(
      or(inArray(dossiers.receivingUnitId, visible), inArray(dossiers.currentUnitId, visible))!,
    );
  if (query.status) conditions.push(eq(dossiers.status, query.status));
  if (query.step) conditions.push(eq(dossiers.step, query.step));
  if (query.assignee)
    conditions.push(eq(dossiers.assigneeId, query.assignee === 'me' ? actor.id : query.assignee));
  if (query.unit) {
    const unit = await requireUnit(db, query.unit, 'unit');
    conditions.push(or(eq(dossiers.receivingUnitId, unit.id), eq(dossiers.currentUnitId, unit.id))!);
  }
  if (query.overdue)
    conditions.push(and(inArray(dossiers.status, ['in_progress']), lt(dossiers.dueAt, ctx.clock()))!);
  if (query.q) {
    const q = query.q.trim();
    const folded = foldVietnamese(q);
    conditions.push(
      or(
        sql`${dossiers.code} ilike ${`${q.replace(/[%_\\]/g, '')}%`}`,
        eq(dossiers.applicantIdNumber, q),
        sql`${dossiers.applicantSearch} like ${`%${folded.replace(/[%_\\]/g, '')}%`}`,
      )!,
    );
  }
  if (query.cursor) {
    const [at, id] = Buffer.from(query.cursor, 'base64url').toString('utf8').split('|');
    if (!at || !id)
      throw badRequest('validation_failed', 'cursor không hợp lệ', [
        { path: 'cursor', message: 'cursor không hợp lệ' },
      ]);
    conditions.push(sql`(${dossiers.receivedAt}, ${dossiers.id}) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await db
    .select({ d: dossiers, receiving: units.code })
    .from(dossiers)
    .innerJoin(units, eq(units.id, dossiers.receivingUnitId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(dossiers.receivedAt), desc(dossiers.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const searchedId = query.q?.trim() ?? '';
  if (ID_NUMBER_QUERY.test(searchedId)) {
    const found = page.filter(({ d }) => d.applicantIdNumber === searchedId);
    const subject = { type: 'id_number', idNumber: searchedId } as const;
    await recordAccess(
      db,
      ctx.clock,
      meta,
      found.length
        ? found.map(({ d }) => ({
            actor,
            action: 'applicant.search_by_id' as const,
            subject,
            dossier: { id: d.id, code: d.code, unitId: d.receivingUnitId, jurisdictionId: d.jurisdictionId },
          }))
        : [{ actor, action: 'applicant.search_by_id' as const, subject }],
    );
  }
  const unitMap = new Map([...(await unitIdsByCode(db)).entries()].map(([c, id]) => [id, c]));
  // Names for the page: procedure names and step names of the pinned process versions.
  const procedureNames = new Map(
    page.length
      ? (
          await db
            .select({ code: procedures.code, name: procedures.name })
            .from(procedures)
            .where(inArray(procedures.code, [...new Set(page.map((p) => p.d.procedureCode))]))
        ).map((p) => [p.code, p.name])
      : [],
  );
  const definitions = new Map<string, ProcessDefinition>();
  for (const { d } of page) {
    const key = `${d.processCode}@${d.processVersion}`;
    if (!definitions.has(key))
      definitions.set(key, (await loadProcess(db, d.processCode, d.processVersion)).definition);
  }
  // Time left in each receiving unit's own calendar (holidays, make-up days), at this request's moment.
  const now = ctx.clock();
  const calendars = new Map<string, WorkingCalendar>();
  const receivingIds = [...new Set(page.map(({ d }) => d.receivingUnitId))];
  if (receivingIds.length)
    for (const unit of await db.select().from(units).where(inArray(units.id, receivingIds)))
      calendars.set(unit.id, (await calendarForUnit(db, unit)).calendar);
  const items: DossierListItem[] = page.map(({ d, receiving }) => ({
    code: d.code,
    procedureCode: d.procedureCode,
    procedureName: procedureNames.get(d.procedureCode) ?? d.procedureCode,
    stepName:
      definitions.get(`${d.processCode}@${d.processVersion}`)?.steps.find((st) => st.code === d.step)?.name ??
      d.step,
    assigneeId: d.assigneeId,
    // Imported history carries no applicant: an empty name rather than a failed list.
    applicantName: (d.applicant as { fullName?: string }).fullName ?? '',
    status: d.status,
    step: d.step,
    receivingUnitCode: receiving,
    currentUnitCode: unitMap.get(d.currentUnitId) ?? receiving,
    receivedAt: d.receivedAt.toISOString(),
    dueAt: d.dueAt.toISOString(),
    appointmentAt: d.appointmentAt.toISOString(),
    paused: d.pausedAt !== null,
    version: d.version,
    timeLeft: timeLeftOf(
      { status: d.status, paused: d.pausedAt !== null, dueAt: d.dueAt },
      calendars.get(d.receivingUnitId)!,
      now,
    ),
  }));
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > query.limit && last
      ? Buffer.from(`${last.d.receivedAt.toISOString()}|${last.d.id}`, 'utf8').toString('base64url')
      : null;
  return { items, nextCursor };
}

export type { UnitRow };

// ---------------------------------------------------------------- calendar changes

/**
 * After a change of the working calendar of `unit` (a holiday or make-up day added, moved or
 * removed, or new working hours), inside the same transaction: every open, unresolved dossier
 * received at the unit or below whose due date the new calendar moves gets a `recompute_due` event
 * with the new date, the previous one and the reason. Resolved and closed dossiers keep their
 * history (their timeliness was fixed when it happened). Returns the codes moved.
 */
export async function recomputeDueDates(
  tx: Db,
  actor: Pick<Actor, 'id' | 'fullName'>,
  unit: { id: string },
  reason: string,
  now: Date,
): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(
    await tx.execute(sql`
      with recursive tree(id) as (
        select id from ${units} where id = ${unit.id}
        union all select u.id from ${units} u join tree t on u.parent_id = t.id
      )
      select d.id from ${dossiers} d join tree t on t.id = d.receiving_unit_id
      where d.status in ('in_progress', 'paused') and d.resolved_at is null
      order by d.id
      for update of d`),
  );
  const moved: string[] = [];
  const unitMap = rows.length ? await unitIdsByCode(tx) : new Map<string, string>();
  for (const { id } of rows) {
    const [row] = await tx.select().from(dossiers).where(eq(dossiers.id, id));
    const dc = await loadDossierContext(tx, row!);
    const clock = {
      calendar: dc.calendar,
      duration: durationOf(dc.procedure.processingTime),
      supplementMode: dc.definition.supplementMode,
    };
    const fresh = deriveDossierState(dc.definition, dc.events, { ...clock, ignoreRecordedDue: true });
    if (fresh.dueAt.getTime() === dc.state.dueAt.getTime()) continue;
    const event: DossierEvent = {
      seq: row!.version + 1,
      type: 'recompute_due',
      at: new Date(Math.max(now.getTime(), dc.state.lastEventAt.getTime())),
      actorId: actor.id,
      actorName: actor.fullName,
      step: dc.state.step,
      payload: {
        dueAt: fresh.dueAt.toISOString(),
        previousDueAt: dc.state.dueAt.toISOString(),
        reason,
      },
    };
    const events = [...dc.events, event];
    const state = deriveDossierState(dc.definition, events, clock);
    const prevHash = dc.events[dc.events.length - 1]?.hash ?? GENESIS_HASH;
    await appendEvent(tx, row!, prevHash, event, row!.currentUnitId);
    await tx
      .update(dossiers)
      .set({ ...projection(state, unitMap, row!.currentUnitId), version: event.seq, updatedAt: now })
      .where(eq(dossiers.id, id));
    await writeDossierStatistics(
      tx,
      { dossierId: id, unitId: row!.receivingUnitId, procedureId: row!.procedureId },
      {
        ...clock,
        definition: dc.definition,
        events,
        channel: row!.channel,
        resultDelivery: row!.resultDelivery,
      },
      event.seq,
    );
    moved.push(row!.code);
  }
  return moved;
}
