/**
 * What a dossier is received and handled under: the process definition and the procedure version in
 * force. Both are immutable once stored, so they are cached parsed (per database handle, or by id).
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.ts';
import { processDefinitions, procedureVersions } from '../../db/schema.ts';
import type { ProcedureContent } from '../../domain/catalog/procedure.ts';
import { AppError } from '../../domain/errors.ts';
import { type ProcessDefinition, processDefinitionSchema } from '../../domain/workflow/index.ts';

const DEFAULT_PROCESS = 'xa_mot_cua';
const FEE_PROCESS = 'xa_co_phi';

/** Keyed by procedure id (a UUID, unique across databases) and version number. */
const procedureVersionCache = new Map<string, ProcedureContent>();

const processCache = new WeakMap<Db, Map<string, ProcessDefinition>>();

/** The latest version of each process definition, validated. */
export async function loadProcess(
  db: Db,
  code: string,
  version?: number,
): Promise<{ version: number; definition: ProcessDefinition }> {
  // A stored version never changes: cache it parsed, per database handle.
  if (version) {
    const hit = processCache.get(db)?.get(`${code}@${version}`);
    if (hit) return { version, definition: hit };
  }
  const rows = await db
    .select()
    .from(processDefinitions)
    .where(
      version
        ? and(eq(processDefinitions.code, code), eq(processDefinitions.version, version))
        : eq(processDefinitions.code, code),
    )
    .orderBy(desc(processDefinitions.version))
    .limit(1);
  const row = rows[0];
  if (!row) throw new AppError(500, 'process_missing', `Chưa có quy trình "${code}"`);
  const definition = processDefinitionSchema.parse(row.definition);
  if (!processCache.has(db)) processCache.set(db, new Map());
  processCache.get(db)!.set(`${code}@${row.version}`, definition);
  return { version: row.version, definition };
}

/** Which process a procedure follows: one naming it, else the fee flow for paid procedures, else the simple flow. */
export async function processFor(db: Db, procedureCode: string, content: ProcedureContent) {
  const named = rowsOf<{ code: string }>(
    await db.execute(sql`
      select code from ${processDefinitions}
      where definition->'procedureCodes' ? ${procedureCode}
      order by version desc limit 1`),
  )[0];
  const code = named?.code ?? (content.fees.some((f) => f.amount > 0) ? FEE_PROCESS : DEFAULT_PROCESS);
  return loadProcess(db, code);
}

export async function procedureVersionContent(
  db: Db,
  procedureId: string,
  number: number,
): Promise<ProcedureContent> {
  // Versions are immutable once published: cache them per database handle.
  const key = `${procedureId}#${number}`;
  const cached = procedureVersionCache.get(key);
  if (cached) return cached;
  const [v] = await db
    .select()
    .from(procedureVersions)
    .where(and(eq(procedureVersions.procedureId, procedureId), eq(procedureVersions.number, number)));
  if (!v) throw new AppError(500, 'procedure_version_missing', 'Không tìm thấy phiên bản thủ tục của hồ sơ');
  if (procedureVersionCache.size > 50_000) procedureVersionCache.clear();
  procedureVersionCache.set(key, v.data as ProcedureContent);
  return v.data as ProcedureContent;
}
