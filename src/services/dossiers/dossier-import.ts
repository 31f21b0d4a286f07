/**
 * Historical import of dossiers (NDJSON, src/domain/dossier/import.ts). Lines are read
 * in batches; a batch is written in one transaction or not at all (a bad line rejects its batch,
 * named by line number and field). Codes already here are skipped, so running the same file again
 * resumes where it stopped and never duplicates.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { bulkInsert } from '../../db/bulk.ts';
import type { Db } from '../../db/client.ts';
import {
  type dossierEvents,
  dossiers,
  paymentEvents,
  payments,
  procedureVersions,
  procedures,
  ratings,
  units,
} from '../../db/schema.ts';
import { grantCovers } from '../../domain/access.ts';
import { GENESIS_HASH } from '../../domain/audit/chain.ts';
import { localDateOf, TIME_ZONE, type WorkingCalendar } from '../../domain/calendar/index.ts';
import type { ProcedureContent } from '../../domain/catalog/procedure.ts';
import {
  type ImportedDossier,
  importedEvents,
  type LineError,
  parseImportLine,
} from '../../domain/dossier/import.ts';
import { deriveDossierState } from '../../domain/dossier/state.ts';
import type { DossierEvent } from '../../domain/dossier/types.ts';
import { AppError } from '../../domain/errors.ts';
import {
  type ActivityItem,
  IMPORTED_PAYMENT_PREFIX,
  paymentActivity,
  ratingActivity,
} from '../../domain/statistics/activity.ts';
import type { Mark } from '../../domain/statistics/marks.ts';
import type { Channel } from '../../domain/statistics/processing.ts';
import type { ProcessDefinition } from '../../domain/workflow/definition.ts';
import { appendAudit } from '../platform/index.ts';
import { calendarForUnit } from '../calendar/index.ts';
import type { Actor, RequestMeta, ServiceContext } from '../platform/index.ts';
import { projection, unitIdsByCode } from './one-dossier.ts';
import { unitAncestry, type UnitRow } from '../access/index.ts';
import { durationOf } from '../../domain/catalog/procedure.ts';
import { processFor } from '../catalog/index.ts';
import { eventHash } from '../../domain/dossier/index.ts';
import {
  type ActivityPlace,
  writeActivity,
  type MarkedDossier,
  statisticsOfHistory,
  writeNewDossierMarks,
} from '../rollups/index.ts';

export interface ImportProgress {
  lines: number;
  imported: number;
  skipped: number;
  invalid: number;
}

export interface ImportSummary extends ImportProgress {
  dryRun: boolean;
  batches: { committed: number; rejected: number };
  /** The first 1000 errors, by line number and field. */
  errors: LineError[];
}

export interface ImportOptions {
  dryRun?: boolean;
  batchSize?: number;
  onProgress?: (p: ImportProgress) => void;
}

/** Who may load history: system administrators, and unit administrators for their units. */
const IMPORTERS = ['system_admin', 'unit_admin'] as const;
/** Who may export them: the same, and inspectors. */

interface ProcedureVersionRef {
  procedureId: string;
  procedureCode: string;
  number: number;
  content: ProcedureContent;
  process: { version: number; definition: ProcessDefinition };
}

/** Looks up units, procedure versions, processes and calendars once per import. */
class References {
  private unitsByCode = new Map<string, UnitRow | null>();
  private allowed = new Map<string, boolean>();
  private versions = new Map<string, ProcedureVersionRef | null>();
  private calendars = new Map<string, WorkingCalendar>();
  unitIds: Map<string, string> | null = null;
  constructor(
    private db: Db,
    private actor: Actor,
  ) {}

  async unit(code: string): Promise<UnitRow | null> {
    if (!this.unitsByCode.has(code)) {
      const [u] = await this.db.select().from(units).where(eq(units.code, code));
      this.unitsByCode.set(code, u ?? null);
    }
    return this.unitsByCode.get(code)!;
  }

  async mayImportInto(unit: UnitRow): Promise<boolean> {
    if (!this.allowed.has(unit.id))
      this.allowed.set(
        unit.id,
        grantCovers(this.actor.grants, IMPORTERS, await unitAncestry(this.db, unit.id)),
      );
    return this.allowed.get(unit.id)!;
  }

  private versionLists = new Map<
    string,
    { procedureId: string; rows: Array<{ number: number; from: string }> } | null
  >();

  /** The version in force on the day of reception (else the first one), and its process. */
  async version(procedureCode: string, receivedAt: Date): Promise<ProcedureVersionRef | null> {
    if (!this.versionLists.has(procedureCode)) {
      const [procedure] = await this.db.select().from(procedures).where(eq(procedures.code, procedureCode));
      const rows = procedure
        ? await this.db
            .select({ number: procedureVersions.number, effectiveFrom: procedureVersions.effectiveFrom })
            .from(procedureVersions)
            .where(eq(procedureVersions.procedureId, procedure.id))
            .orderBy(desc(procedureVersions.number))
        : [];
      this.versionLists.set(
        procedureCode,
        procedure && rows.length
          ? {
              procedureId: procedure.id,
              rows: rows.map((r) => ({ number: r.number, from: String(r.effectiveFrom) })),
            }
          : null,
      );
    }
    const list = this.versionLists.get(procedureCode);
    if (!list) return null;
    const day = localDateOf(receivedAt, TIME_ZONE);
    const chosen = list.rows.find((r) => r.from <= day) ?? list.rows[list.rows.length - 1]!;
    const key = `${procedureCode}@${chosen.number}`;
    if (!this.versions.has(key)) {
      const [v] = await this.db
        .select()
        .from(procedureVersions)
        .where(
          and(
            eq(procedureVersions.procedureId, list.procedureId),
            eq(procedureVersions.number, chosen.number),
          ),
        );
      const content = v!.data as ProcedureContent;
      this.versions.set(key, {
        procedureId: list.procedureId,
        procedureCode,
        number: chosen.number,
        content,
        process: await processFor(this.db, procedureCode, content),
      });
    }
    return this.versions.get(key)!;
  }

  async calendar(unit: UnitRow): Promise<WorkingCalendar> {
    if (!this.calendars.has(unit.id))
      this.calendars.set(unit.id, (await calendarForUnit(this.db, unit)).calendar);
    return this.calendars.get(unit.id)!;
  }
}

interface Prepared {
  line: number;
  record: ImportedDossier;
  unit: UnitRow;
  version: ProcedureVersionRef;
  calendar: WorkingCalendar;
}

/** Checks a parsed line against the database: the unit exists and is the actor's, the procedure too. */
async function prepare(
  refs: References,
  line: number,
  record: ImportedDossier,
): Promise<Prepared | LineError[]> {
  const unit = await refs.unit(record.unitCode);
  if (!unit) return [{ line, path: 'unitCode', message: `không có đơn vị "${record.unitCode}"` }];
  if (!(await refs.mayImportInto(unit)))
    return [{ line, path: 'unitCode', message: `không có quyền nhập hồ sơ của đơn vị "${record.unitCode}"` }];
  const version = await refs.version(record.procedureCode, new Date(record.receivedAt));
  if (!version)
    return [{ line, path: 'procedureCode', message: `không có thủ tục "${record.procedureCode}"` }];
  return { line, record, unit, version, calendar: await refs.calendar(unit) };
}

/** Online gateway and bank transfer (VietQR) are the cashless methods; cash is cash. */
const PAYMENT_METHOD = { online: 'gateway', transfer: 'vietqr', cash: 'cash' } as const;

const RATING_LEVEL = {
  very_satisfied: 'very_satisfied',
  satisfied: 'satisfied',
  neutral: 'neutral',
  unsatisfied: 'not_satisfied',
} as const;

/** Writes one checked batch of new dossiers (codes already present are skipped). Returns how many. */
async function writeBatch(tx: Db, actor: Actor, refs: References, batch: Prepared[]): Promise<number> {
  const existing = new Set(
    (
      await tx
        .select({ code: dossiers.code })
        .from(dossiers)
        .where(
          inArray(
            dossiers.code,
            batch.map((p) => p.record.code),
          ),
        )
    ).map((r) => r.code),
  );
  refs.unitIds ??= await unitIdsByCode(tx);
  const dossierRows: Array<typeof dossiers.$inferInsert> = [];
  const eventRows: Array<typeof dossierEvents.$inferInsert> = [];
  const ratingRows: Array<typeof ratings.$inferInsert> = [];
  const paymentRows: Array<typeof payments.$inferInsert> = [];
  const marks: Array<{ dossier: MarkedDossier; marks: Mark[] }> = [];
  const activity: Array<{ place: ActivityPlace; items: ActivityItem[] }> = [];
  for (const p of batch) {
    const { record: r, unit, version, calendar } = p;
    if (existing.has(r.code)) continue;
    const id = uuidv7();
    const events: DossierEvent[] = importedEvents(version.process.definition, r, {
      procedureVersion: version.number,
    }).map((e) => ({ ...e, actorId: actor.id, actorName: actor.fullName }));
    let prevHash = GENESIS_HASH;
    for (const e of events) {
      const hash = eventHash(prevHash, { ...e, dossierId: id });
      eventRows.push({
        dossierId: id,
        seq: e.seq,
        jurisdictionId: unit.jurisdictionId,
        type: e.type,
        at: e.at,
        actorId: e.actorId,
        actorName: e.actorName,
        step: e.step,
        unitId: unit.id,
        payload: e.payload,
        prevHash,
        hash,
      });
      prevHash = hash;
    }
    const duration = durationOf(version.content.processingTime);
    const definition = version.process.definition;
    const state = deriveDossierState(definition, events, {
      calendar,
      duration,
      supplementMode: definition.supplementMode,
    });
    dossierRows.push({
      id,
      jurisdictionId: unit.jurisdictionId,
      code: r.code,
      procedureId: version.procedureId,
      procedureCode: version.procedureCode,
      procedureVersion: version.number,
      processCode: definition.code,
      processVersion: version.process.version,
      receivingUnitId: unit.id,
      channel: r.channel,
      applicant: {},
      applicantSearch: '',
      formData: {},
      documents: [],
      resultDelivery: r.channel,
      version: events.length,
      receivedAt: new Date(r.receivedAt),
      createdBy: actor.id,
      ...projection(state, refs.unitIds, unit.id),
    });
    const ratedAt = new Date(r.returnedAt ?? r.outcome?.at ?? r.receivedAt);
    if (r.rating)
      ratingRows.push({
        id: uuidv7(),
        jurisdictionId: unit.jurisdictionId,
        dossierId: id,
        unitId: unit.id,
        level: RATING_LEVEL[r.rating],
        channel: 'import',
        createdAt: ratedAt,
      });
    if (r.payment)
      paymentRows.push({
        id: uuidv7(),
        reference: `${IMPORTED_PAYMENT_PREFIX}${r.code}`,
        dossierId: id,
        unitId: unit.id,
        jurisdictionId: unit.jurisdictionId,
        amount: r.payment.amount,
        items: [],
        method: PAYMENT_METHOD[r.payment.method],
        state: 'paid',
        recordedBy: actor.id,
        createdAt: new Date(r.receivedAt),
        paidAt: new Date(r.receivedAt),
      });
    const dossier = { dossierId: id, unitId: unit.id, procedureId: version.procedureId };
    const stats = statisticsOfHistory(
      { definition, events, calendar, duration, channel: r.channel as Channel, resultDelivery: r.channel },
      1,
    );
    marks.push({ dossier, marks: stats.marks });
    // The payment and the rating count like live ones (credited to nobody: no officer is known).
    const extra: ActivityItem[] = [];
    if (r.payment)
      extra.push(
        paymentActivity({
          paidAt: new Date(r.receivedAt),
          method: PAYMENT_METHOD[r.payment.method],
          amount: r.payment.amount,
          recordedBy: null,
          reference: IMPORTED_PAYMENT_PREFIX,
        }),
      );
    if (r.rating) extra.push(ratingActivity({ at: ratedAt, level: RATING_LEVEL[r.rating], officerId: null }));
    activity.push({ place: dossier, items: [...stats.activity, ...extra] });
  }
  const column =
    <T>(rows: T[]) =>
    (name: string, type: string, pick: (r: T) => unknown) => ({
      name,
      type,
      values: rows.map(pick),
    });
  const d = column(dossierRows);
  await bulkInsert(tx, 'dossiers', [
    d('id', 'uuid', (r) => r.id),
    d('jurisdiction_id', 'uuid', (r) => r.jurisdictionId),
    d('code', 'text', (r) => r.code),
    d('procedure_id', 'uuid', (r) => r.procedureId),
    d('procedure_code', 'text', (r) => r.procedureCode),
    d('procedure_version', 'int', (r) => r.procedureVersion),
    d('process_code', 'text', (r) => r.processCode),
    d('process_version', 'int', (r) => r.processVersion),
    d('receiving_unit_id', 'uuid', (r) => r.receivingUnitId),
    d('current_unit_id', 'uuid', (r) => r.currentUnitId),
    d('channel', 'text', (r) => r.channel),
    d('applicant', 'jsonb', () => '{}'),
    d('applicant_search', 'text', () => ''),
    d('form_data', 'jsonb', () => '{}'),
    d('documents', 'jsonb', () => '[]'),
    d('result_delivery', 'text', (r) => r.resultDelivery),
    d('status', 'text', (r) => r.status),
    d('step', 'text', (r) => r.step),
    d('assignee_id', 'uuid', (r) => r.assigneeId ?? null),
    d('received_at', 'timestamptz', (r) => r.receivedAt),
    d('due_at', 'timestamptz', (r) => r.dueAt),
    d('appointment_at', 'timestamptz', (r) => r.appointmentAt),
    d('paused_at', 'timestamptz', (r) => r.pausedAt ?? null),
    d('resolved_at', 'timestamptz', (r) => r.resolvedAt ?? null),
    d('returned_at', 'timestamptz', (r) => r.returnedAt ?? null),
    d('closed_at', 'timestamptz', (r) => r.closedAt ?? null),
    d('version', 'int', (r) => r.version),
    d('created_by', 'uuid', (r) => r.createdBy ?? null),
  ]);
  const e = column(eventRows);
  await bulkInsert(tx, 'dossier_events', [
    e('dossier_id', 'uuid', (r) => r.dossierId),
    e('seq', 'int', (r) => r.seq),
    e('jurisdiction_id', 'uuid', (r) => r.jurisdictionId),
    e('type', 'text', (r) => r.type),
    e('at', 'timestamptz', (r) => r.at),
    e('actor_id', 'uuid', (r) => r.actorId ?? null),
    e('actor_name', 'text', (r) => r.actorName ?? null),
    e('step', 'text', (r) => r.step ?? null),
    e('unit_id', 'uuid', (r) => r.unitId ?? null),
    e('payload', 'jsonb', (r) => JSON.stringify(r.payload)),
    e('prev_hash', 'text', (r) => r.prevHash),
    e('hash', 'text', (r) => r.hash),
  ]);
  if (ratingRows.length) await tx.insert(ratings).values(ratingRows);
  if (paymentRows.length) {
    await tx.insert(payments).values(paymentRows);
    await tx.insert(paymentEvents).values(
      paymentRows.map((p) => ({
        paymentId: p.id,
        type: 'imported',
        at: p.paidAt!,
        payload: { method: p.method, amount: p.amount },
      })),
    );
  }
  await writeNewDossierMarks(tx, marks);
  await writeActivity(tx, activity);
  return dossierRows.length;
}

/**
 * Imports NDJSON lines. With `dryRun`, only checks them. Each batch is all-or-nothing; a batch with
 * a bad line is rejected whole and the import goes on with the next (their errors are reported).
 */
export async function importDossiers(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  lines: AsyncIterable<string> | Iterable<string>,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const db = ctx.database.db;
  if (!actor.grants.some((g) => (IMPORTERS as readonly string[]).includes(g.role)))
    throw new AppError(403, 'forbidden', 'Chỉ quản trị hệ thống hoặc quản trị đơn vị được nhập hồ sơ');
  const refs = new References(db, actor);
  const batchSize = options.batchSize ?? 1000;
  const summary: ImportSummary = {
    dryRun: Boolean(options.dryRun),
    lines: 0,
    imported: 0,
    skipped: 0,
    invalid: 0,
    batches: { committed: 0, rejected: 0 },
    errors: [],
  };
  const now = ctx.clock();
  let pending: Array<{ line: number; text: string }> = [];
  const seen = new Map<string, number>();

  const flush = async () => {
    if (!pending.length) return;
    const prepared: Prepared[] = [];
    const errors: LineError[] = [];
    for (const { line, text } of pending) {
      const parsed = parseImportLine(text, line, now);
      if (!parsed.ok) {
        errors.push(...parsed.errors);
        continue;
      }
      const first = seen.get(parsed.value.code);
      if (first !== undefined && first !== line) {
        errors.push({ line, path: 'code', message: `mã hồ sơ trùng với dòng ${first}` });
        continue;
      }
      seen.set(parsed.value.code, line);
      const p = await prepare(refs, line, parsed.value);
      if (Array.isArray(p)) errors.push(...p);
      else prepared.push(p);
    }
    const badLines = new Set(errors.map((e) => e.line)).size;
    summary.invalid += badLines;
    for (const e of errors) if (summary.errors.length < 1000) summary.errors.push(e);
    if (errors.length) summary.batches.rejected++;
    else if (!options.dryRun) {
      const written = await db.transaction(async (tx) =>
        writeBatch(tx as unknown as Db, actor, refs, prepared),
      );
      summary.imported += written;
      summary.skipped += prepared.length - written;
      summary.batches.committed++;
    }
    pending = [];
    options.onProgress?.({
      lines: summary.lines,
      imported: summary.imported,
      skipped: summary.skipped,
      invalid: summary.invalid,
    });
  };

  for await (const text of lines) {
    summary.lines++;
    if (!text.trim()) continue;
    pending.push({ line: summary.lines, text });
    if (pending.length >= batchSize) await flush();
  }
  await flush();
  if (!options.dryRun && summary.imported > 0) {
    await db.transaction(async (tx) =>
      appendAudit(tx as unknown as Db, ctx.clock, meta, {
        action: 'dossiers.import',
        actor,
        entityType: 'dossier_import',
        after: { ...summary, errors: summary.errors.length },
      }),
    );
  }
  return summary;
}
