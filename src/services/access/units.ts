import { asc, eq, isNull } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../db/client.ts';
import { units } from '../../db/schema.ts';
import type { UnitLevel } from '../../domain/catalog/procedure.ts';
import { grantCovers, hasRole } from '../../domain/access.ts';
import { AppError, forbidden, notFound } from '../../domain/errors.ts';
import { appendAudit } from '../platform/index.ts';
import { unitAncestry } from './scope.ts';
import { type Actor, inTransaction, type RequestMeta, type ServiceContext } from '../platform/index.ts';
import { type UnitInput, type UnitInputParsed, unitInputSchema } from '../../contracts/access.ts';

export type UnitRow = typeof units.$inferSelect;

export interface PublicUnit {
  code: string;
  name: string;
  level: UnitLevel;
  parentCode: string | null;
  hasCounter: boolean;
  address: string | null;
  phone: string | null;
}

export async function listUnits(db: Db): Promise<PublicUnit[]> {
  const rows = await db.select().from(units).orderBy(asc(units.code));
  const codeById = new Map(rows.map((r) => [r.id, r.code]));
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    level: r.level,
    parentCode: r.parentId ? (codeById.get(r.parentId) ?? null) : null,
    hasCounter: r.hasCounter,
    address: r.address,
    phone: r.phone,
  }));
}

export async function findUnitByCode(db: Db, code: string): Promise<UnitRow | undefined> {
  const [row] = await db.select().from(units).where(eq(units.code, code)).limit(1);
  return row;
}

export async function requireUnit(db: Db, code: string, param = 'unit'): Promise<UnitRow> {
  const row = await findUnitByCode(db, code);
  if (!row) throw new AppError(404, 'unit_not_found', `Không tìm thấy đơn vị "${code}" (${param})`);
  return row;
}

/**
 * The unit named, or — when none is named — the first root unit (the jurisdiction of a
 * single-province installation). 400 naming `param` when there is no unit at all.
 */
export async function unitOrRoot(db: Db, code: string | undefined, param = 'unit'): Promise<UnitRow> {
  if (code) return requireUnit(db, code, param);
  const [root] = await db
    .select()
    .from(units)
    .where(isNull(units.parentId))
    .orderBy(asc(units.code))
    .limit(1);
  if (!root)
    throw new AppError(400, 'validation_failed', 'Chưa có đơn vị nào', [
      { path: param, message: 'Chưa có đơn vị nào' },
    ]);
  return root;
}

export type { UnitInput };

/** Inserts a unit (used by the seed and by administrators). Returns the new row. */
export async function insertUnit(tx: Db, input: UnitInput): Promise<UnitRow> {
  const data = unitInputSchema.parse(input);
  if (await findUnitByCode(tx, data.code))
    throw new AppError(409, 'unit_exists', `Đơn vị "${data.code}" đã có`);
  let parentId: string | null = null;
  let jurisdictionId: string | null = null;
  if (data.parentCode) {
    const parent = await findUnitByCode(tx, data.parentCode);
    if (!parent) throw notFound('unit_not_found', `Không tìm thấy đơn vị cấp trên "${data.parentCode}"`);
    parentId = parent.id;
    jurisdictionId = parent.jurisdictionId;
  }
  const id = uuidv7();
  const [row] = await tx
    .insert(units)
    .values({
      id,
      code: data.code,
      name: data.name,
      level: data.level,
      parentId,
      jurisdictionId: jurisdictionId ?? id,
      hasCounter: data.hasCounter,
      address: data.address ?? null,
      phone: data.phone ?? null,
      hotline: data.hotline ?? null,
    })
    .returning();
  return row!;
}

/** An administrator adds a unit: a system admin anywhere, a unit admin below a unit it covers. */
export async function createUnit(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  input: UnitInputParsed,
): Promise<PublicUnit> {
  const db = ctx.database.db;
  if (input.parentCode) {
    const parent = await requireUnit(db, input.parentCode, 'parentCode');
    if (!grantCovers(actor.grants, ['system_admin', 'unit_admin'], await unitAncestry(db, parent.id)))
      throw forbidden('Bạn không quản trị đơn vị cấp trên này');
  } else if (!hasRole(actor.grants, ['system_admin'])) {
    throw forbidden('Chỉ quản trị hệ thống được tạo đơn vị gốc (tỉnh)');
  }
  const row = await inTransaction(ctx, async (tx) => {
    const created = await insertUnit(tx, input);
    await appendAudit(tx, ctx.clock, meta, {
      action: 'unit.create',
      actor,
      jurisdictionId: created.jurisdictionId,
      entityType: 'unit',
      entityId: created.code,
      after: input,
    });
    return created;
  });
  return {
    code: row.code,
    name: row.name,
    level: row.level,
    parentCode: input.parentCode ?? null,
    hasCounter: row.hasCounter,
    address: row.address,
    phone: row.phone,
  };
}
