/** Process definitions in the database: seeding from the data files and linting them all. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { desc, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../db/client.ts';
import { processDefinitions, procedures, procedureVersions, userRoles, units } from '../../db/schema.ts';
import type { Role } from '../../domain/access.ts';
import type { ProcedureContent } from '../../domain/catalog/procedure.ts';
import {
  type LintIssue,
  lintProcess,
  type ProcessDefinition,
  processDefinitionSchema,
} from '../../domain/workflow/index.ts';

const SEED_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../db/seed/data/processes.json',
);

export function loadSeedProcesses(): ProcessDefinition[] {
  const raw = JSON.parse(readFileSync(SEED_FILE, 'utf8')) as unknown[];
  return raw.map((d) => processDefinitionSchema.parse(d));
}

/**
 * Saves the seed definitions that are missing (by code), skipping those whose named units do not
 * exist here (the liên thông examples name demo units). Returns the codes inserted.
 */
export async function ensureSeedProcesses(db: Db): Promise<string[]> {
  const unitCodes = new Set((await db.select({ code: units.code }).from(units)).map((u) => u.code));
  const inserted: string[] = [];
  for (const def of loadSeedProcesses()) {
    const named = def.steps.flatMap((s) => (s.unit === 'receiving' ? [] : [s.unit.unitCode]));
    if (named.some((c) => !unitCodes.has(c))) continue;
    const [existing] = await db
      .select({ id: processDefinitions.id })
      .from(processDefinitions)
      .where(eq(processDefinitions.code, def.code))
      .limit(1);
    if (existing) continue;
    await db
      .insert(processDefinitions)
      .values({ id: uuidv7(), code: def.code, version: def.version, definition: def });
    inserted.push(def.code);
  }
  return inserted;
}

export interface ProcessLintReport {
  code: string;
  version: number;
  errors: LintIssue[];
  warnings: LintIssue[];
}

/** Lints the latest version of every stored definition against this installation's units and roles. */
export async function lintAllProcesses(db: Db): Promise<ProcessLintReport[]> {
  const unitRows = await db.select({ id: units.id, code: units.code }).from(units);
  const codeById = new Map(unitRows.map((u) => [u.id, u.code]));
  const rolesByUnit = new Map<string, Set<Role>>();
  for (const r of await db.select().from(userRoles)) {
    const code = codeById.get(r.unitId);
    if (!code) continue;
    if (!rolesByUnit.has(code)) rolesByUnit.set(code, new Set());
    rolesByUnit.get(code)!.add(r.role as Role);
  }
  const rows = await db
    .select()
    .from(processDefinitions)
    .orderBy(processDefinitions.code, desc(processDefinitions.version));
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!latest.has(r.code)) latest.set(r.code, r);
  const reports: ProcessLintReport[] = [];
  for (const row of latest.values()) {
    const def = row.definition as ProcessDefinition;
    const limitHours = await procedureTimeLimitHours(db, def.procedureCodes ?? []);
    const result = lintProcess(def, {
      unitCodes: new Set(unitRows.map((u) => u.code)),
      rolesByUnit,
      procedureTimeLimitHours: limitHours,
    });
    reports.push({ code: row.code, version: row.version, ...result });
  }
  return reports;
}

/** The time limit (hours) shared by the procedures a definition names, when they agree. */
async function procedureTimeLimitHours(db: Db, codes: string[]): Promise<number | null> {
  const limits = new Set<number>();
  for (const code of codes) {
    const [p] = await db.select().from(procedures).where(eq(procedures.code, code)).limit(1);
    if (!p) continue;
    const [v] = await db
      .select()
      .from(procedureVersions)
      .where(eq(procedureVersions.procedureId, p.id))
      .orderBy(desc(procedureVersions.number))
      .limit(1);
    const time = (v?.data as ProcedureContent | undefined)?.processingTime;
    if (!time) continue;
    limits.add(time.kind === 'workingDays' ? time.value * 8 : time.kind === 'workingHours' ? time.value : 8);
  }
  return limits.size === 1 ? [...limits][0]! : null;
}
