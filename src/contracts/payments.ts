/**
 * The payments context's operations: paying an online application through the gateway (and the
 * gateway's notification and return), recording a payment at the counter, refunds, receipts and the
 * daily reconciliation. The lifecycle these follow is the table in `src/domain/payments/lifecycle.ts`.
 */
import { z } from 'zod';
import { PAYMENT_METHODS, PAYMENT_STATES } from '../domain/payments/lifecycle.ts';
import { localDateSchema, problemSchema, staffSecurity } from './common.ts';
import { defineContract, operation } from './operation.ts';

export const paymentMethodSchema = z.enum(PAYMENT_METHODS);
export const paymentStateSchema = z.enum(PAYMENT_STATES);
export const feeItemSchema = z.object({ label: z.string(), amount: z.number().int() });

export const paymentSchema = z.object({
  id: z.string(),
  reference: z.string().describe('Merchant reference (vnp_TxnRef), printed on the receipt'),
  state: paymentStateSchema,
  method: paymentMethodSchema,
  amount: z.number().int().describe('VND'),
  items: z.array(feeItemSchema),
  applicationId: z.string().nullable(),
  dossierId: z.string().nullable(),
  dossierCode: z.string().nullable(),
  receiptNumber: z.string().nullable(),
  gatewayTransactionNo: z.string().nullable(),
  bankCode: z.string().nullable(),
  payerName: z.string().nullable(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  updatedAt: z.string(),
});

const ipnAnswerSchema = z.object({ RspCode: z.string(), Message: z.string() });

export const vnpQuerySchema = z
  .record(z.string(), z.union([z.string(), z.array(z.string())]))
  .describe('The gateway’s signed vnp_* parameters');

export const reconciliationSchema = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  date: z.string(),
  /** Counts and sums of the day's payments by method and state. */
  summary: z.array(
    z.object({
      method: paymentMethodSchema,
      state: paymentStateSchema,
      count: z.number(),
      amount: z.number(),
    }),
  ),
  /** Every payment collected that day (paid, or paid and since refunded). */
  rows: z.array(
    z.object({
      id: z.string(),
      reference: z.string(),
      receiptNumber: z.string().nullable(),
      dossierCode: z.string().nullable(),
      amount: z.number(),
      method: paymentMethodSchema,
      state: paymentStateSchema,
      gatewayTransactionNo: z.string().nullable(),
      paidAt: z.string(),
    }),
  ),
  totals: z.object({
    count: z.number(),
    collectedCount: z.number(),
    collectedAmount: z.number(),
    refundedAmount: z.number(),
    netAmount: z.number(),
    byMethod: z.object({ cash: z.number(), vietqr: z.number(), gateway: z.number() }),
  }),
  mismatches: z.array(
    z.object({
      kind: z.enum(['pending_too_long', 'paid_without_dossier']),
      paymentId: z.string(),
      reference: z.string(),
      amount: z.number(),
      method: paymentMethodSchema,
      createdAt: z.string(),
      message: z.string(),
    }),
  ),
});

export const reconciliationQuery = z.object({
  unitCode: z.string().trim().min(1).max(40),
  date: localDateSchema,
});

export const counterPaymentSchema = z.object({
  method: z.enum(['cash', 'vietqr']),
  payerName: z.string().trim().max(200).optional(),
});

export const startPaymentSchema = z.object({
  applicationId: z.uuid(),
  locale: z.enum(['vn', 'en']).optional(),
});

const idParams = z.object({ id: z.uuid() });
const codeParams = z.object({ code: z.string().max(80) });

export const paymentsContract = defineContract('payments', {
  start: operation('POST /payments', {
    summary: 'Pay an online application’s fees through the gateway',
    description:
      'The owner of a submitted (or accepted) online application starts paying: a pending payment of the same amount is reused, else one is created. Send the browser to `redirectUrl` (the gateway’s signed payment page). 409 `already_paid`, 422 `nothing_to_pay` when no fee is owed.',
    security: staffSecurity,
    body: startPaymentSchema,
    response: {
      201: z.object({
        paymentId: z.string(),
        reference: z.string(),
        amount: z.number(),
        items: z.array(feeItemSchema),
        redirectUrl: z.string(),
      }),
      401: problemSchema,
      404: problemSchema,
      409: problemSchema,
      422: problemSchema,
    },
  }),
  ofApplication: operation('GET /payments', {
    summary: 'The payments of an online application (its owner or staff of its unit)',
    security: staffSecurity,
    querystring: z.object({ applicationId: z.uuid() }),
    response: { 200: z.object({ items: z.array(paymentSchema) }), 404: problemSchema },
  }),
  ipn: operation('GET /payments/vnpay/ipn', {
    summary: 'The gateway’s server-to-server payment notification (IPN)',
    description:
      'Called by the gateway, no login. Always HTTP 200 with `{RspCode, Message}`: `00` confirmed, `01` order not found, `02` already confirmed (a replay changes nothing), `04` invalid amount, `97` invalid signature, `99` unknown error.',
    querystring: vnpQuerySchema,
    response: { 200: ipnAnswerSchema },
  }),
  return: operation('GET /payments/vnpay/return', {
    summary: 'Where the gateway sends the browser back',
    description:
      'Verifies the signature, then redirects (302) to the application page, which polls `GET /payments/{id}`: the state there is set by the IPN only, never by this return.',
    querystring: vnpQuerySchema,
    response: { 400: problemSchema, 404: problemSchema },
  }),
  reconciliation: operation('GET /payments/reconciliation', {
    summary: 'Daily reconciliation of a unit’s payments',
    description:
      'Payments collected on the day (Vietnam time) and those created that day and not paid: counts and sums by method and state, each collected row, totals, and mismatches (gateway payments pending over 15 minutes, paid payments with no dossier yet).',
    security: staffSecurity,
    querystring: reconciliationQuery,
    response: { 200: reconciliationSchema, 403: problemSchema, 404: problemSchema },
  }),
  reconciliationXlsx: operation('GET /payments/reconciliation.xlsx', {
    summary: 'Daily reconciliation as an Excel workbook',
    security: staffSecurity,
    querystring: reconciliationQuery,
  }),
  get: operation('GET /payments/:id', {
    summary: 'A payment and its state (the owner of its application, or staff of its unit)',
    security: staffSecurity,
    params: idParams,
    response: { 200: paymentSchema, 401: problemSchema, 404: problemSchema },
  }),
  receipt: operation('GET /payments/:id/receipt.pdf', {
    summary: 'The electronic receipt (biên lai điện tử) of a paid payment, as PDF',
    description: '409 `not_paid` while the payment is not paid.',
    security: staffSecurity,
    params: idParams,
  }),
  refund: operation('POST /payments/:id/refund', {
    summary: 'Refund a paid payment (leader of the collecting unit)',
    description: '409 `not_refundable` unless the payment is paid.',
    security: staffSecurity,
    params: idParams,
    body: z.object({ reason: z.string().trim().min(5).max(1000) }),
    response: { 200: paymentSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema },
  }),
  recordAtCounter: operation('POST /dossiers/:code/payments', {
    summary: 'Record a payment at the counter (cash, or a bank transfer by VietQR)',
    description:
      'A receptionist of the dossier’s unit; the amount is the dossier’s fees. Paid at once with a receipt number. 409 `already_paid`, 422 `nothing_to_pay`.',
    security: staffSecurity,
    params: codeParams,
    body: counterPaymentSchema,
    response: {
      201: paymentSchema,
      403: problemSchema,
      404: problemSchema,
      409: problemSchema,
      422: problemSchema,
    },
  }),
  ofDossier: operation('GET /dossiers/:code/payments', {
    summary: 'A dossier’s payments, the amount owed and a VietQR code for it',
    security: staffSecurity,
    params: codeParams,
    response: {
      200: z.object({
        dossierCode: z.string(),
        items: z.array(feeItemSchema),
        total: z.number(),
        paid: z.number(),
        owed: z.number(),
        payments: z.array(paymentSchema),
        vietQr: z
          .object({
            payload: z.string().describe('EMVCo/VietQR payload'),
            dataUrl: z.string().describe('PNG data URL of the QR code'),
            amount: z.number(),
            purpose: z.string(),
            bankBin: z.string(),
            accountNumber: z.string(),
            accountName: z.string(),
          })
          .nullable(),
      }),
      404: problemSchema,
    },
  }),
});

export type CounterPaymentInput = z.output<typeof counterPaymentSchema>;
export type ReconciliationQuery = z.output<typeof reconciliationQuery>;
