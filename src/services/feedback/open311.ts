/**
 * What the Open311 gateway (src/http/routes/open311.ts) needs beyond the feedback use cases: the
 * unit a service request goes to.
 */
import { eq, isNull } from 'drizzle-orm';
import { units } from '../../db/schema.ts';
import type { ServiceContext } from '../platform/index.ts';

/**
 * The unit an Open311 request is for: `jurisdiction_id` (a unit code) when given, else the API
 * key's first unit, else the root. Undefined when the code names no unit.
 */
export async function open311TargetUnit(
  ctx: ServiceContext,
  key: { unitIds: string[] | null },
  jurisdictionId: string | undefined,
): Promise<{ id: string; code: string } | undefined> {
  const db = ctx.database.db;
  const columns = { id: units.id, code: units.code };
  const [target] = jurisdictionId
    ? await db.select(columns).from(units).where(eq(units.code, jurisdictionId)).limit(1)
    : key.unitIds?.length
      ? await db
          .select(columns)
          .from(units)
          .where(eq(units.id, key.unitIds[0] as string))
          .limit(1)
      : await db.select(columns).from(units).where(isNull(units.parentId)).limit(1);
  return target;
}
