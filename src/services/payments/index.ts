/**
 * The payments context's door: what other contexts, routes, jobs and the CLI may use.
 * Fee payments. Online: the citizen pays an application's fees through the gateway (VNPay-style);
 * the payment is settled only by the gateway's signed server-to-server notification (IPN), never by
 * the browser's return. At the counter: cash or a bank transfer by VietQR, recorded by the
 * receptionist and paid at once. Every paid payment gets a receipt number (per unit per year, no
 * gaps), an electronic receipt (PDF) and shows on the unit's daily reconciliation. The lifecycle is
 * the table in `src/domain/payments/lifecycle.ts`.
 */
export {
  getPayment,
  newPaymentReference,
  PENDING_MISMATCH_MINUTES,
  type PaymentConfig,
  type PaymentState,
  type PaymentView,
  receiptPrefix,
} from './common.ts';
export { type CounterPaymentInput, recordCounterPayment, refundPayment } from './counter.ts';
export {
  type DossierPayments,
  type DossierVietQr,
  dossierVietQr,
  paymentsOfApplication,
  paymentsOfDossier,
} from './lists.ts';
export {
  handleIpn,
  handleReturn,
  type ReturnOutcome,
  type StartedPayment,
  startOnlinePayment,
} from './online.ts';
export { paymentReceiptPdf } from './receipt.ts';
export {
  type Reconciliation,
  reconciliation,
  reconciliationXlsx,
} from './reconciliation.ts';
