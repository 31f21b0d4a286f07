/** At the counter: cash or a VietQR transfer recorded by the receptionist and paid at once; refunds. */
import type { CounterPaymentInput } from '../../contracts/payments.ts';
import { and, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { type dossiers, payments } from '../../db/schema.ts';
import { AppError, conflict } from '../../domain/errors.ts';
import { type FeeItem, type FeeRow, feeLabel } from '../../domain/payments/fees.ts';
import {
  INITIAL_PAYMENT_STATE,
  paymentRefusal,
  requirePaymentAction,
} from '../../domain/payments/lifecycle.ts';
import { appendAudit } from '../platform/index.ts';
import { findVisibleDossier } from '../dossiers/index.ts';
import { type Actor, inTransaction, type RequestMeta, type ServiceContext } from '../platform/index.ts';
import {
  type PaymentConfig,
  type PaymentView,
  addEvent,
  getPayment,
  newPaymentReference,
  nextReceiptNumber,
  ofDossier,
  requireRolesAt,
  unitById,
  visiblePayment,
} from './common.ts';
import { recordPaymentActivity } from '../rollups/index.ts';

export type { CounterPaymentInput };

/** The fee lines and total stored on a dossier at reception. */
export function dossierFees(row: typeof dossiers.$inferSelect): { items: FeeItem[]; total: number } {
  const items = ((row.fees as FeeRow[]) ?? []).map((f) => ({ label: feeLabel(f), amount: f.amount ?? 0 }));
  return { items, total: items.reduce((s, i) => s + i.amount, 0) };
}

/** A receptionist of the dossier's unit records a cash or VietQR payment: paid at once, with a receipt number. */
export async function recordCounterPayment(
  ctx: ServiceContext,
  _config: PaymentConfig,
  actor: Actor,
  meta: RequestMeta,
  dossierCode: string,
  input: CounterPaymentInput,
): Promise<PaymentView> {
  const db = ctx.database.db;
  const visible = await findVisibleDossier(db, actor, dossierCode);
  await requireRolesAt(
    db,
    actor,
    visible.receivingUnitId,
    ['receptionist', 'system_admin'],
    'Chỉ cán bộ tiếp nhận của đơn vị thu phí tại quầy',
  );
  const id = await inTransaction(ctx, async (tx) => {
    const dossier = await findVisibleDossier(tx, actor, dossierCode, true);
    const fees = dossierFees(dossier);
    if (fees.total <= 0) throw new AppError(422, 'nothing_to_pay', 'Hồ sơ này không phải nộp phí, lệ phí');
    const paidBefore = await tx
      .select({ id: payments.id })
      .from(payments)
      .where(and(ofDossier(dossier.id), eq(payments.state, 'paid')))
      .limit(1);
    if (paidBefore.length) throw conflict('already_paid', 'Hồ sơ đã được thanh toán');
    const now = ctx.clock();
    const unit = await unitById(tx, dossier.receivingUnitId);
    const receiptNumber = await nextReceiptNumber(tx, unit, now);
    const applicant = dossier.applicant as { fullName?: string };
    const [row] = await tx
      .insert(payments)
      .values({
        id: uuidv7(),
        reference: newPaymentReference(now),
        dossierId: dossier.id,
        unitId: unit.id,
        jurisdictionId: dossier.jurisdictionId,
        amount: fees.total,
        items: fees.items,
        method: input.method,
        state: INITIAL_PAYMENT_STATE[input.method],
        payerName: input.payerName?.trim() || applicant.fullName || null,
        receiptNumber,
        recordedBy: actor.id,
        createdAt: now,
        paidAt: now,
        updatedAt: now,
      })
      .returning();
    await addEvent(tx, row!.id, 'paid', now, { method: input.method, receiptNumber, recordedBy: actor.id });
    await recordPaymentActivity(tx, row!.id);
    await appendAudit(tx, ctx.clock, meta, {
      action: 'payment.counter',
      actor,
      jurisdictionId: dossier.jurisdictionId,
      entityType: 'payment',
      entityId: row!.id,
      after: { dossierCode, method: input.method, amount: fees.total, receiptNumber },
    });
    return row!.id;
  });
  return getPayment(ctx, actor, id);
}

/** A leader of the collecting unit refunds a paid payment, with a reason. */
export async function refundPayment(
  ctx: ServiceContext,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  reason: string,
): Promise<PaymentView> {
  const db = ctx.database.db;
  const { row: seen } = await visiblePayment(db, actor, id);
  await requireRolesAt(db, actor, seen.unitId, ['leader'], 'Chỉ lãnh đạo đơn vị được hoàn tiền');
  await inTransaction(ctx, async (tx) => {
    const [row] = await tx.select().from(payments).where(eq(payments.id, id)).for('update');
    if (!row) throw paymentRefusal('refund');
    const refunded = requirePaymentAction(row.state, 'refund');
    const now = ctx.clock();
    await tx.update(payments).set({ state: refunded, updatedAt: now }).where(eq(payments.id, id));
    await addEvent(tx, id, 'refunded', now, { reason, by: actor.id, byName: actor.fullName });
    await appendAudit(tx, ctx.clock, meta, {
      action: 'payment.refund',
      actor,
      jurisdictionId: row.jurisdictionId,
      entityType: 'payment',
      entityId: id,
      before: { state: row.state },
      after: { state: refunded, reason },
    });
  });
  return getPayment(ctx, actor, id);
}
