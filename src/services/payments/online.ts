/**
 * Online payment through the gateway (VNPay-style): the citizen starts paying an application's fees,
 * the gateway's signed server-to-server notification (IPN) settles the payment, and the browser's
 * return is only recorded (it never changes the state).
 */
import { desc, eq, or } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { onlineApplications, payments } from '../../db/schema.ts';
import { AppError, conflict, notFound } from '../../domain/errors.ts';
import { applicationAllows } from '../../domain/applications/lifecycle.ts';
import { computeFees, type FeeItem } from '../../domain/payments/fees.ts';
import {
  decidePayment,
  INITIAL_PAYMENT_STATE,
  paymentAllows,
  requirePaymentAction,
} from '../../domain/payments/lifecycle.ts';
import {
  buildPaymentUrl,
  flattenQuery,
  IPN_RESPONSES,
  type IpnResponse,
  isSuccessfulCallback,
  parseVnpDate,
  type VnpParams,
  verifyVnpParams,
} from '../../domain/payments/vnpay.ts';
import { appendAudit } from '../platform/index.ts';
import {
  type Actor,
  inTransaction,
  NO_META,
  type RequestMeta,
  type ServiceContext,
} from '../platform/index.ts';
import {
  type PaymentConfig,
  type PaymentState,
  addEvent,
  dossierCodeOf,
  loadLinks,
  newPaymentReference,
  nextReceiptNumber,
  ofDossier,
  procedureFees,
  unitById,
} from './common.ts';
import { recordPaymentActivity } from '../rollups/index.ts';

export interface StartedPayment {
  paymentId: string;
  reference: string;
  amount: number;
  items: FeeItem[];
  redirectUrl: string;
}

/**
 * Starts (or resumes) paying an online application's fees: reuses the pending gateway payment of
 * the same amount, else creates one, and returns the signed URL of the gateway's payment page.
 */
export async function startOnlinePayment(
  ctx: ServiceContext,
  config: PaymentConfig,
  actor: Actor,
  input: { applicationId: string; locale?: 'vn' | 'en'; ip: string | null },
): Promise<StartedPayment> {
  const db = ctx.database.db;
  const [app] = await db
    .select()
    .from(onlineApplications)
    .where(eq(onlineApplications.id, input.applicationId))
    .limit(1);
  if (!app || app.citizenId !== actor.id)
    throw notFound('application_not_found', 'Không tìm thấy hồ sơ trực tuyến');
  if (!applicationAllows(app.status, 'pay') || !app.unitId)
    throw new AppError(
      422,
      'application_not_payable',
      'Chỉ thanh toán được hồ sơ đã nộp hoặc đã được tiếp nhận',
    );
  const unitId = app.unitId;
  const fees = computeFees({
    fees: await procedureFees(db, app.procedureId, app.procedureVersion),
    feeIndexes: (app.feeIndexes as number[]) ?? [],
    resultDelivery: app.resultDelivery,
    postalFee: config.postalFee,
  });
  if (fees.total <= 0) throw new AppError(422, 'nothing_to_pay', 'Hồ sơ này không phải nộp phí, lệ phí');
  const now = ctx.clock();

  const row = await inTransaction(ctx, async (tx) => {
    // One payer at a time per application: two tabs never create two pending payments.
    await tx
      .select({ id: onlineApplications.id })
      .from(onlineApplications)
      .where(eq(onlineApplications.id, app.id))
      .for('update');
    const existing = await tx
      .select()
      .from(payments)
      .where(
        app.dossierId
          ? or(eq(payments.applicationId, app.id), ofDossier(app.dossierId))
          : eq(payments.applicationId, app.id),
      )
      .orderBy(desc(payments.createdAt));
    if (existing.some((p) => p.state === 'paid')) throw conflict('already_paid', 'Hồ sơ đã được thanh toán');
    const pending = existing.filter((p) => p.method === 'gateway' && paymentAllows(p.state, 'resume'));
    const reusable = pending.find((p) => p.amount === fees.total);
    if (reusable) return reusable;
    for (const stale of pending) {
      // The fees changed since: the old request is closed, a late IPN for it answers 02.
      await tx
        .update(payments)
        .set({ state: requirePaymentAction(stale.state, 'supersede'), updatedAt: now })
        .where(eq(payments.id, stale.id));
      await addEvent(tx, stale.id, 'superseded', now, { amount: fees.total });
    }
    const unit = await unitById(tx, unitId);
    const [created] = await tx
      .insert(payments)
      .values({
        id: uuidv7(),
        reference: newPaymentReference(now),
        applicationId: app.id,
        dossierId: app.dossierId,
        unitId,
        jurisdictionId: app.jurisdictionId ?? unit.jurisdictionId,
        amount: fees.total,
        items: fees.items,
        method: 'gateway',
        state: INITIAL_PAYMENT_STATE.gateway,
        gateway: config.payment.gateway,
        payerName: actor.fullName,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await addEvent(tx, created!.id, 'created', now, {
      amount: fees.total,
      items: fees.items,
      by: actor.id,
    });
    return created!;
  });

  const redirectUrl = buildPaymentUrl(config.payment.url, config.payment.hashSecret, {
    tmnCode: config.payment.tmnCode,
    amount: row.amount,
    txnRef: row.reference,
    // VNPay asks for ASCII without diacritics or special characters.
    orderInfo: `Thanh toan phi ho so ${app.code ?? row.reference}`,
    locale: input.locale ?? 'vn',
    returnUrl: `${config.publicUrl.replace(/\/$/, '')}/api/v1/payments/vnpay/return`,
    ipAddr: input.ip ?? '127.0.0.1',
    createDate: now,
  });
  return {
    paymentId: row.id,
    reference: row.reference,
    amount: row.amount,
    items: row.items as FeeItem[],
    redirectUrl,
  };
}

/**
 * The gateway's server-to-server notification: verified (97), matched by vnp_TxnRef (01),
 * amount-checked (04), idempotent (02 once settled: a replay changes nothing), else the payment is
 * settled paid or failed under a row lock and confirmed (00). Any other failure answers 99.
 */
export async function handleIpn(
  ctx: ServiceContext,
  config: PaymentConfig,
  query: Record<string, unknown>,
  meta: RequestMeta = NO_META,
  onError?: (error: unknown) => void,
): Promise<IpnResponse> {
  const params = flattenQuery(query);
  if (!verifyVnpParams(params, config.payment.hashSecret)) return IPN_RESPONSES.invalidSignature;
  try {
    return await inTransaction(ctx, async (tx) => {
      const reference = params.vnp_TxnRef ?? '';
      const [row] = await tx.select().from(payments).where(eq(payments.reference, reference)).for('update');
      if (row?.method !== 'gateway') return IPN_RESPONSES.orderNotFound;
      const now = ctx.clock();
      const answer = async (response: IpnResponse) => {
        await addEvent(tx, row.id, 'ipn', now, { params, response });
        return response;
      };
      if (params.vnp_Amount !== String(row.amount * 100)) return answer(IPN_RESPONSES.invalidAmount);
      const paid = isSuccessfulCallback(params);
      const decision = decidePayment(row.state, paid ? 'confirm' : 'fail');
      if (!decision.ok) return answer(IPN_RESPONSES.alreadyConfirmed);
      if (paid) {
        const paidAt = parseVnpDate(params.vnp_PayDate ?? '') ?? now;
        const unit = await unitById(tx, row.unitId);
        const receiptNumber = await nextReceiptNumber(tx, unit, paidAt);
        await tx
          .update(payments)
          .set({
            state: decision.next,
            paidAt,
            gatewayTransactionNo: params.vnp_TransactionNo ?? null,
            bankCode: params.vnp_BankCode ?? null,
            receiptNumber,
            updatedAt: now,
          })
          .where(eq(payments.id, row.id));
        await addEvent(tx, row.id, 'paid', now, { receiptNumber, transactionNo: params.vnp_TransactionNo });
        await recordPaymentActivity(tx, row.id);
      } else {
        await tx
          .update(payments)
          .set({ state: decision.next, updatedAt: now })
          .where(eq(payments.id, row.id));
        await addEvent(tx, row.id, 'failed', now, { responseCode: params.vnp_ResponseCode });
      }
      await appendAudit(tx, ctx.clock, meta, {
        action: paid ? 'payment.paid' : 'payment.failed',
        jurisdictionId: row.jurisdictionId,
        entityType: 'payment',
        entityId: row.id,
        before: { state: row.state },
        after: {
          state: decision.next,
          reference: row.reference,
          amount: row.amount,
          transactionNo: params.vnp_TransactionNo ?? null,
          responseCode: params.vnp_ResponseCode ?? null,
        },
      });
      return answer(IPN_RESPONSES.success);
    });
  } catch (error) {
    onError?.(error);
    return IPN_RESPONSES.unknownError;
  }
}

export interface ReturnOutcome {
  /** The signature verified. */
  valid: boolean;
  /** The gateway's vnp_ResponseCode (what the browser claims; not trusted). */
  responseCode: string | null;
  payment: {
    id: string;
    applicationId: string | null;
    dossierCode: string | null;
    state: PaymentState;
  } | null;
}

/**
 * The browser's return from the gateway: the signature is checked and the visit recorded, but the
 * state reported is the database's (set only by the IPN).
 */
export async function handleReturn(
  ctx: ServiceContext,
  config: PaymentConfig,
  query: Record<string, unknown>,
): Promise<ReturnOutcome> {
  const params: VnpParams = flattenQuery(query);
  const responseCode = params.vnp_ResponseCode ?? null;
  if (!verifyVnpParams(params, config.payment.hashSecret))
    return { valid: false, responseCode, payment: null };
  const db = ctx.database.db;
  const [row] = await db
    .select()
    .from(payments)
    .where(eq(payments.reference, params.vnp_TxnRef ?? ''))
    .limit(1);
  if (!row) return { valid: true, responseCode, payment: null };
  await addEvent(db, row.id, 'return', ctx.clock(), {
    responseCode,
    transactionNo: params.vnp_TransactionNo,
  });
  const links = await loadLinks(db, [row]);
  return {
    valid: true,
    responseCode,
    payment: {
      id: row.id,
      applicationId: row.applicationId,
      dossierCode: dossierCodeOf(row, links),
      state: row.state,
    },
  };
}
