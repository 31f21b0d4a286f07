/** The electronic receipt (biên lai điện tử) of a paid payment, as PDF. */
import { and, desc, eq } from 'drizzle-orm';
import { paymentEvents, users } from '../../db/schema.ts';
import type { FeeItem } from '../../domain/payments/fees.ts';
import { paymentAllows, paymentRefusal } from '../../domain/payments/lifecycle.ts';
import { renderPaymentReceipt } from '../../documents/receipt.ts';
import { printedUnit } from '../dossiers/index.ts';
import type { Actor, ServiceContext } from '../platform/index.ts';
import { type PaymentConfig, dossierCodeOf, unitById, visiblePayment } from './common.ts';
import { dossierVietQr } from './lists.ts';

/** The e-receipt PDF of a paid (or since refunded) payment. */
export async function paymentReceiptPdf(
  ctx: ServiceContext,
  config: PaymentConfig,
  actor: Actor,
  id: string,
  options: { compress?: boolean } = {},
): Promise<{ pdf: Buffer; receiptNumber: string }> {
  const db = ctx.database.db;
  const { row, links } = await visiblePayment(db, actor, id);
  if (!paymentAllows(row.state, 'print_receipt') || !row.receiptNumber || !row.paidAt)
    throw paymentRefusal('print_receipt');
  const unit = await printedUnit(db, await unitById(db, row.unitId));
  const dossierCode = dossierCodeOf(row, links);
  let refund: { at: Date; reason: string } | null = null;
  if (row.state === 'refunded') {
    const [event] = await db
      .select()
      .from(paymentEvents)
      .where(and(eq(paymentEvents.paymentId, row.id), eq(paymentEvents.type, 'refunded')))
      .orderBy(desc(paymentEvents.at))
      .limit(1);
    refund = {
      at: event?.at ?? row.updatedAt,
      reason: (event?.payload as { reason?: string })?.reason ?? '',
    };
  }
  let collectorName: string | null = null;
  if (row.recordedBy) {
    const [user] = await db
      .select({ fullName: users.fullName })
      .from(users)
      .where(eq(users.id, row.recordedBy))
      .limit(1);
    collectorName = user?.fullName ?? null;
  }
  const base = config.publicUrl.replace(/\/$/, '');
  const pdf = await renderPaymentReceipt(
    {
      unit,
      receiptNumber: row.receiptNumber,
      paidAt: row.paidAt,
      payerName: row.payerName ?? '',
      dossierCode,
      reference: row.reference,
      items: row.items as FeeItem[],
      total: row.amount,
      method: row.method,
      gatewayTransactionNo: row.gatewayTransactionNo,
      bankCode: row.bankCode,
      vietQrPayload:
        row.method === 'vietqr' && dossierCode
          ? dossierVietQr(config, dossierCode, row.amount).payload
          : null,
      trackingUrl: dossierCode ? `${base}/track/${encodeURIComponent(dossierCode)}` : null,
      collectorName,
      refund,
    },
    options,
  );
  return { pdf, receiptNumber: row.receiptNumber };
}
