import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { type Db, rowsOf } from '../../db/client.ts';
import {
  catalogRevision,
  fields,
  procedures,
  procedureUnits,
  procedureVersions,
  units,
} from '../../db/schema.ts';
import { CatalogSearch, type SearchEntry, type SearchFilter } from '../../domain/catalog/search.ts';
import { grantCovers, hasRole } from '../../domain/access.ts';
import { localDateOf, TIME_ZONE } from '../../domain/calendar/index.ts';
import {
  diffProcedureContent,
  lowestFee,
  type ProcedureContent,
  type procedureAmendSchema,
  type ProcedureCreateInput,
  procedureContentSchema,
  procedureCreateSchema,
  type ProcessingTime,
  type UnitLevel,
} from '../../domain/catalog/procedure.ts';
import { badRequest, conflict, forbidden, notFound } from '../../domain/errors.ts';
import { foldVietnamese } from '../../domain/text.ts';
import { appendAudit } from '../platform/index.ts';
import { type Actor, inTransaction, type RequestMeta, type ServiceContext } from '../platform/index.ts';
import { unitAncestry } from '../access/index.ts';
import type { ProcedureSummary } from '../../contracts/catalog.ts';

const CATALOG_ADMINS = ['system_admin', 'unit_admin'] as const;

/** One line of a catalogue search, as the catalog contract answers it. */
export type { ProcedureSummary };

export type SearchQuery = SearchFilter;

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/** Each process's search index, per database handle, with the catalog revision it was built at. */
const searchIndexes = new WeakMap<Db, { revision: number; search: CatalogSearch<ProcedureSummary> }>();

async function catalogRevisionOf(db: Db): Promise<number> {
  const [row] = await db
    .select({ revision: catalogRevision.revision })
    .from(catalogRevision)
    .where(eq(catalogRevision.id, 1));
  return row?.revision ?? 0;
}

/** Moves the catalog revision inside the caller's transaction, so every process reloads its index. */
async function bumpCatalogRevision(tx: Db): Promise<void> {
  await tx
    .update(catalogRevision)
    .set({ revision: sql`${catalogRevision.revision} + 1` })
    .where(eq(catalogRevision.id, 1));
}

/**
 * The in-memory search index, rebuilt from the database whenever the catalog revision moved.
 * The database stays the only source of truth: the revision is read on every search.
 */
async function searchIndex(db: Db): Promise<CatalogSearch<ProcedureSummary>> {
  const revision = await catalogRevisionOf(db);
  const cached = searchIndexes.get(db);
  if (cached && cached.revision === revision) return cached.search;
  const result = await db.execute(sql`
    select p.code, p.name, p.status, p.search_name, p.search_text, p.levels, p.processing_time, p.processing_time_text,
           p.online_level, p.fee_from, f.code as field_code, f.name as field_name,
           coalesce((select array_agg(u.code) from ${procedureUnits} pu join ${units} u on u.id = pu.unit_id
                     where pu.procedure_id = p.id), '{}') as unit_codes
    from ${procedures} p join ${fields} f on f.id = p.field_id`);
  const entries: SearchEntry<ProcedureSummary>[] = rowsOf<Record<string, unknown>>(result).map((r) => ({
    code: r.code as string,
    name: r.name as string,
    foldedName: r.search_name as string,
    foldedText: r.search_text as string,
    status: r.status as ProcedureSummary['status'],
    fieldCode: r.field_code as string,
    levels: r.levels as string[],
    unitCodes: r.unit_codes as string[],
    item: {
      code: r.code as string,
      name: r.name as string,
      field: { code: r.field_code as string, name: r.field_name as string },
      levels: r.levels as UnitLevel[],
      processingTime: r.processing_time as ProcessingTime,
      processingTimeText: (r.processing_time_text as string | null) ?? null,
      onlineLevel: r.online_level as ProcedureSummary['onlineLevel'],
      feeFrom: r.fee_from === null ? null : Number(r.fee_from),
      status: r.status as ProcedureSummary['status'],
    },
  }));
  const search = new CatalogSearch(entries);
  searchIndexes.set(db, { revision, search });
  return search;
}

/**
 * Catalog search: diacritic- and case-insensitive, every word must appear, misspelt words are
 * corrected to the nearest catalogue word; ranked exact code > exact name > prefix > contains.
 * See domain/catalog/search.ts for the rules; this only keeps the index fresh.
 */
export async function searchProcedures(
  db: Db,
  query: SearchQuery,
): Promise<Page<ProcedureSummary> & { correctedQuery: string | null }> {
  const index = await searchIndex(db);
  const result = index.search({ ...query, status: query.status ?? 'active' });
  return {
    items: result.items,
    page: query.page,
    pageSize: query.pageSize,
    total: result.total,
    correctedQuery: result.correctedQuery,
  };
}

export interface FieldView {
  code: string;
  name: string;
  nameEn: string | null;
  procedureCount: number;
}

export async function listFields(db: Db): Promise<FieldView[]> {
  const result = await db.execute(sql`
    select f.code, f.name, f.name_en, count(p.id) filter (where p.status = 'active')::int as procedure_count
    from ${fields} f left join ${procedures} p on p.field_id = f.id
    group by f.id order by f.sort, f.name`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    code: r.code as string,
    name: r.name as string,
    nameEn: (r.name_en as string | null) ?? null,
    procedureCount: Number(r.procedure_count),
  }));
}

export interface VersionView {
  number: number;
  effectiveFrom: string;
  changeNote: string | null;
  createdAt: string;
  inForce: boolean;
  changes: { field: string; before: unknown; after: unknown }[];
}

export interface ProcedureDetail
  extends ProcedureSummary,
    Omit<
      ProcedureContent,
      'fieldCode' | 'levels' | 'processingTime' | 'processingTimeText' | 'onlineLevel' | 'name'
    > {
  units: { code: string; name: string }[];
  version: { number: number; effectiveFrom: string };
  versions: VersionView[];
}

/** The version in force on `today` (local date): the highest-numbered one already effective. */
function versionInForce<T extends { number: number; effectiveFrom: string }>(
  versions: T[],
  today: string,
): T | undefined {
  return versions.filter((v) => v.effectiveFrom <= today).sort((a, b) => b.number - a.number)[0];
}

export async function getProcedure(ctx: ServiceContext, code: string): Promise<ProcedureDetail> {
  const db = ctx.database.db;
  const [row] = await db
    .select({ p: procedures, field: fields })
    .from(procedures)
    .innerJoin(fields, eq(fields.id, procedures.fieldId))
    .where(eq(procedures.code, code))
    .limit(1);
  if (!row) throw notFound('procedure_not_found', `Không tìm thấy thủ tục "${code}"`);
  const versions = await db
    .select()
    .from(procedureVersions)
    .where(eq(procedureVersions.procedureId, row.p.id))
    .orderBy(asc(procedureVersions.number));
  const today = localDateOf(ctx.clock(), TIME_ZONE);
  const current = versionInForce(versions, today) ?? versions[0]!;
  const content = current.data as ProcedureContent;
  const unitRows = await db
    .select({ code: units.code, name: units.name })
    .from(procedureUnits)
    .innerJoin(units, eq(units.id, procedureUnits.unitId))
    .where(eq(procedureUnits.procedureId, row.p.id))
    .orderBy(asc(units.code));
  const versionViews: VersionView[] = versions.map((v, i) => ({
    number: v.number,
    effectiveFrom: v.effectiveFrom,
    changeNote: v.changeNote,
    createdAt: v.createdAt.toISOString(),
    inForce: v.number === current.number,
    changes:
      i === 0
        ? []
        : diffProcedureContent(versions[i - 1]!.data as ProcedureContent, v.data as ProcedureContent),
  }));
  return {
    ...content,
    code: row.p.code,
    name: content.name,
    status: row.p.status,
    field: { code: row.field.code, name: row.field.name },
    levels: content.levels,
    processingTime: content.processingTime,
    processingTimeText: content.processingTimeText,
    onlineLevel: content.onlineLevel,
    feeFrom: lowestFee(content),
    units: unitRows,
    version: { number: current.number, effectiveFrom: current.effectiveFrom },
    versions: versionViews.reverse(),
  };
}

function assertCatalogAdmin(actor: Actor) {
  if (!hasRole(actor.grants, [...CATALOG_ADMINS]))
    throw forbidden('Chỉ quản trị viên được sửa danh mục thủ tục');
}

/**
 * Issue 14 §3: a catalogue write is the system administrator's, or a unit administrator's for a
 * procedure whose receiving units all lie inside their scope (a procedure received nowhere, or
 * also elsewhere, is the system administrator's alone).
 */
async function assertCatalogScope(db: Db, actor: Actor, unitIds: readonly string[]) {
  if (hasRole(actor.grants, ['system_admin'])) return;
  const message = 'Chỉ quản trị hệ thống, hoặc quản trị của mọi đơn vị tiếp nhận, được sửa thủ tục này';
  if (unitIds.length === 0) throw forbidden(message);
  for (const unitId of unitIds)
    if (!grantCovers(actor.grants, ['unit_admin'], await unitAncestry(db, unitId))) throw forbidden(message);
}

async function receivingUnitIds(db: Db, procedureId: string): Promise<string[]> {
  const rows = await db
    .select({ unitId: procedureUnits.unitId })
    .from(procedureUnits)
    .where(eq(procedureUnits.procedureId, procedureId));
  return rows.map((r) => r.unitId);
}

async function resolveRefs(db: Db, content: ProcedureContent) {
  const [field] = await db.select().from(fields).where(eq(fields.code, content.fieldCode)).limit(1);
  if (!field)
    throw badRequest('validation_failed', `Không có lĩnh vực "${content.fieldCode}"`, [
      { path: 'fieldCode', message: `Không có lĩnh vực "${content.fieldCode}"` },
    ]);
  const unitRows = content.unitCodes.length
    ? await db.select().from(units).where(inArray(units.code, content.unitCodes))
    : [];
  const missing = content.unitCodes.filter((c) => !unitRows.some((u) => u.code === c));
  if (missing.length)
    throw badRequest('validation_failed', `Không có đơn vị ${missing.join(', ')}`, [
      { path: 'unitCodes', message: `Không có đơn vị ${missing.join(', ')}` },
    ]);
  return { field, unitIds: unitRows.map((u) => u.id) };
}

function denormalised(
  code: string,
  content: ProcedureContent,
  fieldId: string,
  fieldName: string,
  version: number,
) {
  return {
    fieldId,
    name: content.name,
    searchName: foldVietnamese(content.name),
    searchText: foldVietnamese(`${code} ${content.name} ${fieldName} ${content.resultType ?? ''}`),
    levels: content.levels,
    onlineLevel: content.onlineLevel,
    processingTime: content.processingTime,
    processingTimeText: content.processingTimeText,
    feeFrom: lowestFee(content),
    currentVersion: version,
  };
}

/** Publishes a new procedure (version 1). Used by administrators and by the seed. */
export async function createProcedure(
  ctx: ServiceContext,
  actor: Actor | null,
  meta: RequestMeta,
  rawInput: ProcedureCreateInput,
  tx?: Db,
): Promise<string> {
  if (actor) assertCatalogAdmin(actor);
  const input = procedureCreateSchema.parse(rawInput);
  const { code, effectiveFrom, changeNote, ...rest } = input;
  const content = procedureContentSchema.parse(rest);
  const run = async (t: Db) => {
    const [existing] = await t
      .select({ id: procedures.id })
      .from(procedures)
      .where(eq(procedures.code, code))
      .limit(1);
    const { field, unitIds } = await resolveRefs(t, content);
    if (actor) await assertCatalogScope(t, actor, unitIds);
    if (existing) throw conflict('procedure_exists', `Thủ tục mã "${code}" đã có`);
    const id = uuidv7();
    await t
      .insert(procedures)
      .values({ id, code, status: 'active', ...denormalised(code, content, field.id, field.name, 1) });
    await t.insert(procedureVersions).values({
      id: uuidv7(),
      procedureId: id,
      number: 1,
      effectiveFrom: effectiveFrom ?? localDateOf(ctx.clock(), TIME_ZONE),
      data: content,
      changeNote: changeNote ?? null,
      createdBy: actor?.id ?? null,
    });
    if (unitIds.length)
      await t.insert(procedureUnits).values(unitIds.map((unitId) => ({ procedureId: id, unitId })));
    await bumpCatalogRevision(t);
    if (actor)
      await appendAudit(t, ctx.clock, meta, {
        action: 'procedure.create',
        actor,
        entityType: 'procedure',
        entityId: code,
        after: content,
      });
    return code;
  };
  return tx ? run(tx) : inTransaction(ctx, run);
}

/** An amendment: a new version with an effective date. Dossiers keep the version they were received under. */
export async function amendProcedure(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  code: string,
  input: z.infer<typeof procedureAmendSchema>,
): Promise<void> {
  assertCatalogAdmin(actor);
  if (input.code && input.code !== code)
    throw badRequest('validation_failed', 'Không được đổi mã thủ tục', [
      { path: 'code', message: 'Không được đổi mã thủ tục' },
    ]);
  const { code: _c, effectiveFrom, changeNote, ...rest } = input;
  const content = procedureContentSchema.parse(rest);
  const today = localDateOf(ctx.clock(), TIME_ZONE);
  await inTransaction(ctx, async (tx) => {
    const [proc] = await tx.select().from(procedures).where(eq(procedures.code, code)).limit(1).for('update');
    if (!proc) throw notFound('procedure_not_found', `Không tìm thấy thủ tục "${code}"`);
    await assertCatalogScope(tx, actor, await receivingUnitIds(tx, proc.id));
    if (proc.status === 'retired')
      throw conflict('procedure_retired', 'Thủ tục đã bãi bỏ, không sửa đổi được');
    const [last] = await tx
      .select()
      .from(procedureVersions)
      .where(eq(procedureVersions.procedureId, proc.id))
      .orderBy(desc(procedureVersions.number))
      .limit(1);
    if (last && effectiveFrom < last.effectiveFrom)
      throw badRequest('validation_failed', `Ngày hiệu lực phải từ ${last.effectiveFrom} trở đi`, [
        { path: 'effectiveFrom', message: `Ngày hiệu lực phải từ ${last.effectiveFrom} trở đi` },
      ]);
    const { field, unitIds } = await resolveRefs(tx, content);
    await assertCatalogScope(tx, actor, unitIds);
    const number = (last?.number ?? 0) + 1;
    await tx.insert(procedureVersions).values({
      id: uuidv7(),
      procedureId: proc.id,
      number,
      effectiveFrom,
      data: content,
      changeNote,
      createdBy: actor.id,
    });
    if (effectiveFrom <= today)
      await tx
        .update(procedures)
        .set({ ...denormalised(code, content, field.id, field.name, number), updatedAt: ctx.clock() })
        .where(eq(procedures.id, proc.id));
    await tx.delete(procedureUnits).where(eq(procedureUnits.procedureId, proc.id));
    if (unitIds.length)
      await tx.insert(procedureUnits).values(unitIds.map((unitId) => ({ procedureId: proc.id, unitId })));
    await bumpCatalogRevision(tx);
    await appendAudit(tx, ctx.clock, meta, {
      action: 'procedure.amend',
      actor,
      entityType: 'procedure',
      entityId: code,
      before: last?.data ?? null,
      after: { version: number, effectiveFrom, changeNote, content },
    });
  });
}

export async function retireProcedure(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  code: string,
): Promise<void> {
  assertCatalogAdmin(actor);
  await inTransaction(ctx, async (tx) => {
    const [proc] = await tx.select().from(procedures).where(eq(procedures.code, code)).limit(1);
    if (!proc) throw notFound('procedure_not_found', `Không tìm thấy thủ tục "${code}"`);
    await assertCatalogScope(tx, actor, await receivingUnitIds(tx, proc.id));
    if (proc.status === 'retired') return;
    await tx
      .update(procedures)
      .set({ status: 'retired', retiredAt: ctx.clock(), updatedAt: ctx.clock() })
      .where(eq(procedures.id, proc.id));
    await bumpCatalogRevision(tx);
    await appendAudit(tx, ctx.clock, meta, {
      action: 'procedure.retire',
      actor,
      entityType: 'procedure',
      entityId: code,
      before: { status: proc.status },
      after: { status: 'retired' },
    });
  });
}

/**
 * Amendments published ahead of their effective date take effect on that date: this brings the
 * denormalised search columns up to the version in force today. Run daily by a job and at start.
 */
export async function activateDueVersions(ctx: ServiceContext): Promise<number> {
  const db = ctx.database.db;
  const today = localDateOf(ctx.clock(), TIME_ZONE);
  const result = await db.execute(sql`
    select p.id, p.code, p.current_version, v.number, v.data, f.id as field_id, f.name as field_name
    from ${procedures} p
    join lateral (select number, data from ${procedureVersions} pv
                  where pv.procedure_id = p.id and pv.effective_from <= ${today}
                  order by number desc limit 1) v on true
    join ${fields} f on f.code = v.data->>'fieldCode'
    where v.number <> p.current_version`);
  const stale = rowsOf<{
    id: string;
    code: string;
    number: number;
    data: ProcedureContent;
    field_id: string;
    field_name: string;
  }>(result);
  for (const s of stale) {
    await db
      .update(procedures)
      .set({
        ...denormalised(s.code, s.data, s.field_id, s.field_name, Number(s.number)),
        updatedAt: ctx.clock(),
      })
      .where(and(eq(procedures.id, s.id)));
  }
  if (stale.length) await bumpCatalogRevision(db);
  return stale.length;
}
