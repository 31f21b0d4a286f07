/**
 * Slips issued at the counter without receiving the dossier: guidance to complete it (Mẫu 02, listing
 * everything missing at once) or refusal when it is outside the law or the unit's competence (Mẫu 03).
 * Both are recorded (and counted in reports) and printed.
 */
import { and, eq, gte, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { SlipInput } from '../../contracts/dossiers.ts';
import { procedures, receptionSlips, units } from '../../db/schema.ts';
import { localDateOf, TIME_ZONE } from '../../domain/calendar/index.ts';
import { AppError, badRequest, forbidden, notFound } from '../../domain/errors.ts';
import { renderRefusal03, renderSupplement02 } from '../../documents/index.ts';
import { appendAudit } from '../platform/index.ts';
import { type Actor, inTransaction, type RequestMeta, type ServiceContext } from '../platform/index.ts';
import { printedUnit } from './forms.ts';
import { requireUnit, rolesAt, visibleUnitIds } from '../access/index.ts';

export async function issueSlip(ctx: ServiceContext, actor: Actor, meta: RequestMeta, input: SlipInput) {
  const db = ctx.database.db;
  const unit = await requireUnit(db, input.unitCode, 'unitCode');
  const roles = await rolesAt(db, actor.grants, unit.id);
  if (!roles.has('receptionist') && !roles.has('system_admin'))
    throw forbidden('Chỉ cán bộ một cửa của đơn vị được lập phiếu');
  const [procedure] = await db
    .select()
    .from(procedures)
    .where(eq(procedures.code, input.procedureCode))
    .limit(1);
  if (!procedure)
    throw badRequest('validation_failed', `Không có thủ tục "${input.procedureCode}"`, [
      { path: 'procedureCode', message: `Không có thủ tục "${input.procedureCode}"` },
    ]);
  const now = ctx.clock();
  const year = Number(localDateOf(now, TIME_ZONE).slice(0, 4));
  return inTransaction(ctx, async (tx) => {
    // Numbering per unit, kind and year; serialised per unit by a transaction-level advisory lock.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`slip:${unit.id}`}))`);
    const [{ n }] = (await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(receptionSlips)
      .where(
        and(
          eq(receptionSlips.unitId, unit.id),
          eq(receptionSlips.kind, input.kind),
          gte(receptionSlips.createdAt, new Date(`${year}-01-01T00:00:00+07:00`)),
        ),
      )) as [{ n: number }];
    const number = `${Number(n) + 1}/${year}/${input.kind === 'guidance' ? 'PHD' : 'PTC'}`;
    const id = uuidv7();
    await tx.insert(receptionSlips).values({
      id,
      jurisdictionId: unit.jurisdictionId,
      unitId: unit.id,
      kind: input.kind,
      number,
      procedureCode: procedure.code,
      applicant: input.applicant,
      items: input.items,
      reason: input.reason,
      officerId: actor.id,
      createdAt: now,
    });
    await appendAudit(tx, ctx.clock, meta, {
      action: `slip.${input.kind}`,
      actor,
      jurisdictionId: unit.jurisdictionId,
      entityType: 'reception_slip',
      entityId: id,
      after: { number, procedureCode: procedure.code, applicant: input.applicant.fullName },
    });
    return { id, number, kind: input.kind, createdAt: now.toISOString() };
  });
}

export async function renderSlip(ctx: ServiceContext, actor: Actor, id: string): Promise<Buffer> {
  const db = ctx.database.db;
  const [slip] = await db.select().from(receptionSlips).where(eq(receptionSlips.id, id)).limit(1);
  const visible = slip ? await visibleUnitIds(db, actor.grants) : null;
  if (!slip || (visible && !visible.includes(slip.unitId)))
    throw notFound('slip_not_found', 'Không tìm thấy phiếu');
  const [unitRow] = await db.select().from(units).where(eq(units.id, slip.unitId));
  const [procedure] = await db.select().from(procedures).where(eq(procedures.code, slip.procedureCode));
  const [officer] = await db.query.users.findMany({
    where: (u, { eq: e }) => e(u.id, slip.officerId),
    limit: 1,
  });
  const unit = await printedUnit(db, unitRow!);
  const applicant = slip.applicant as { fullName: string };
  const common = {
    unit,
    number: slip.number,
    issuedAt: slip.createdAt,
    applicant,
    procedure: { code: slip.procedureCode, name: procedure?.name ?? slip.procedureCode },
  };
  if (slip.kind === 'guidance') {
    const items = slip.items as {
      document: string;
      form: 'original' | 'certified_copy' | 'photocopy';
      note?: string;
    }[];
    return renderSupplement02({
      ...common,
      items,
      reason: slip.reason,
      contact: { fullName: officer?.fullName ?? '', phone: unitRow?.phone ?? undefined },
      guide: { fullName: officer?.fullName ?? '' },
    });
  }
  if (slip.kind === 'refusal')
    return renderRefusal03({ ...common, reason: slip.reason, signer: { fullName: officer?.fullName ?? '' } });
  throw new AppError(500, 'slip_kind', 'Loại phiếu không hợp lệ');
}
