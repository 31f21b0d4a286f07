// Fee payments and their events.
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';

/** Fee payments: one per online application or dossier and attempt; the gateway or the counter settles it. */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey(),
    /** Merchant reference sent to the gateway (vnp_TxnRef) and printed on the receipt. */
    reference: text('reference').notNull(),
    applicationId: uuid('application_id'),
    dossierId: uuid('dossier_id'),
    /** Unit collecting the fee (for the daily reconciliation). */
    unitId: uuid('unit_id').notNull(),
    jurisdictionId: uuid('jurisdiction_id').notNull(),
    /** VND, integer. */
    amount: integer('amount').notNull(),
    /** Fee lines: [{label, amount}]. */
    items: jsonb('items').notNull(),
    method: text('method', { enum: ['gateway', 'vietqr', 'cash'] }).notNull(),
    state: text('state', { enum: ['pending', 'paid', 'failed', 'refunded'] })
      .notNull()
      .default('pending'),
    gateway: text('gateway'),
    gatewayTransactionNo: text('gateway_transaction_no'),
    bankCode: text('bank_code'),
    payerName: text('payer_name'),
    /** Electronic receipt (biên lai) number, given when paid. */
    receiptNumber: text('receipt_number'),
    recordedBy: uuid('recorded_by'),
    createdAt: createdAt(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('payments_reference_uq').on(t.reference),
    uniqueIndex('payments_receipt_uq').on(t.receiptNumber),
    index('payments_application_idx').on(t.applicationId),
    index('payments_dossier_idx').on(t.dossierId),
    index('payments_unit_paid_idx').on(t.unitId, t.paidAt),
  ],
);

/** Everything that happened to a payment (created, gateway notifications, return, paid, failed, refunded). */
export const paymentEvents = pgTable(
  'payment_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    paymentId: uuid('payment_id').notNull(),
    type: text('type').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    payload: jsonb('payload').notNull(),
  },
  (t) => [index('payment_events_payment_idx').on(t.paymentId, t.at)],
);
