/** A unit's hall: its queue services and counters, as an administrator sets them (and the demo's). */
import { eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { QueueSetup } from '../../contracts/queue.ts';
import { type Db, rowsOf } from '../../db/client.ts';
import { DEMO_QUEUES } from '../../db/seed/demo-queue.ts';
import { queueCounters, queueServices } from '../../db/schema.ts';
import { AppError } from '../../domain/errors.ts';
import { requireUnit, rolesAt } from '../access/index.ts';
import {
  type Actor,
  appendAudit,
  inTransaction,
  type RequestMeta,
  type ServiceContext,
} from '../platform/index.ts';

/** The demo halls' services and counters, for units that have none yet (every start of the demo). */
export async function ensureDemoQueues(db: Db): Promise<void> {
  for (const [unitCode, setup] of Object.entries(DEMO_QUEUES)) {
    const [unit] = rowsOf<{ id: string }>(
      await db.execute(sql`select id from units where code = ${unitCode}`),
    );
    if (!unit) continue;
    const [any] = await db
      .select({ id: queueServices.id })
      .from(queueServices)
      .where(eq(queueServices.unitId, unit.id))
      .limit(1);
    if (any) continue;
    await db
      .insert(queueServices)
      .values(setup.services.map((s, i) => ({ id: uuidv7(), unitId: unit.id, ...s, sort: i })));
    await db
      .insert(queueCounters)
      .values(setup.counters.map((c) => ({ id: uuidv7(), unitId: unit.id, ...c })));
  }
}

/**
 * An administrator of the unit sets its hall: the services (kept by code: a removed one is
 * deactivated, its tickets keep their history) and the counters (by number). Audited.
 */
export async function setQueueSetup(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  unitCode: string,
  setup: QueueSetup,
): Promise<void> {
  const db = ctx.database.db;
  const unit = await requireUnit(db, unitCode, 'unitCode');
  const roles = await rolesAt(db, actor.grants, unit.id);
  if (!roles.has('unit_admin') && !roles.has('system_admin'))
    throw new AppError(403, 'forbidden', 'Chỉ quản trị đơn vị được cấu hình quầy và dịch vụ xếp hàng');
  await inTransaction(ctx, async (tx) => {
    const before = {
      services: await tx.select().from(queueServices).where(eq(queueServices.unitId, unit.id)),
      counters: await tx.select().from(queueCounters).where(eq(queueCounters.unitId, unit.id)),
    };
    for (const [i, s] of setup.services.entries()) {
      const existing = before.services.find((b) => b.code === s.code);
      const values = { name: s.name, prefix: s.prefix, fieldCodes: s.fieldCodes, sort: i, active: true };
      if (existing) await tx.update(queueServices).set(values).where(eq(queueServices.id, existing.id));
      else await tx.insert(queueServices).values({ id: uuidv7(), unitId: unit.id, code: s.code, ...values });
    }
    const kept = new Set(setup.services.map((s) => s.code));
    for (const old of before.services.filter((b) => !kept.has(b.code)))
      await tx.update(queueServices).set({ active: false }).where(eq(queueServices.id, old.id));
    for (const c of setup.counters) {
      const existing = before.counters.find((b) => b.number === c.number);
      const values = { name: c.name, serviceCodes: c.serviceCodes, open: c.open };
      if (existing) await tx.update(queueCounters).set(values).where(eq(queueCounters.id, existing.id));
      else
        await tx.insert(queueCounters).values({ id: uuidv7(), unitId: unit.id, number: c.number, ...values });
    }
    const numbers = new Set(setup.counters.map((c) => c.number));
    for (const old of before.counters.filter((b) => !numbers.has(b.number)))
      await tx
        .update(queueCounters)
        .set({ open: false, serviceCodes: [] })
        .where(eq(queueCounters.id, old.id));
    await appendAudit(tx, ctx.clock, meta, {
      action: 'queue.setup',
      actor,
      jurisdictionId: unit.jurisdictionId,
      entityType: 'unit',
      entityId: unit.code,
      before: {
        services: before.services
          .filter((s) => s.active)
          .map((s) => ({ code: s.code, prefix: s.prefix, name: s.name })),
        counters: before.counters.map((c) => ({
          number: c.number,
          serviceCodes: c.serviceCodes,
          open: c.open,
        })),
      },
      after: setup,
    });
  });
}
