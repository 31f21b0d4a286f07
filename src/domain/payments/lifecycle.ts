/**
 * The lifecycle of a fee payment, in one table (as `src/domain/dossier/status-actions.ts` does for
 * dossiers): what may happen to a payment in each state, the state each action leaves it in, and the
 * typed refusal when it does not fit. Pure; the services lock the row, ask `decidePayment` and write
 * the next state. Diagram: `lifecycle.md` beside this file.
 *
 * A payment is born `pending` when the citizen starts paying through the gateway, and `paid` when
 * a receptionist records cash or a VietQR transfer at the counter (`INITIAL_PAYMENT_STATE`). Only
 * the gateway's signed notification (IPN) settles a pending one; the browser's return never does.
 */
import { AppError } from '../errors.ts';

export const PAYMENT_STATES = ['pending', 'paid', 'failed', 'refunded'] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

export const PAYMENT_METHODS = ['gateway', 'vietqr', 'cash'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const PAYMENT_ACTIONS = [
  /** The citizen pays again the same amount: the pending gateway payment is reused. */
  'resume',
  /** The fees changed since the payment was started: the old request is closed. */
  'supersede',
  /** The gateway's IPN says paid: a receipt number is issued. */
  'confirm',
  /** The gateway's IPN says not paid (failed or cancelled). */
  'fail',
  /** A leader of the collecting unit refunds, with a reason. */
  'refund',
  /** The electronic receipt is printed (it shows the refund once refunded). */
  'print_receipt',
] as const;
export type PaymentAction = (typeof PAYMENT_ACTIONS)[number];

export const PAYMENT_ACTIONS_BY_STATE = {
  pending: ['resume', 'supersede', 'confirm', 'fail'],
  paid: ['refund', 'print_receipt'],
  failed: [],
  refunded: ['print_receipt'],
} as const satisfies Record<PaymentState, readonly PaymentAction[]>;

/** The state an allowed action leaves the payment in (absent: unchanged). */
export const PAYMENT_NEXT_STATE = {
  supersede: 'failed',
  confirm: 'paid',
  fail: 'failed',
  refund: 'refunded',
} as const satisfies Partial<Record<PaymentAction, PaymentState>>;

/** The state a payment is created in, by how it is paid. */
export const INITIAL_PAYMENT_STATE = {
  gateway: 'pending',
  vietqr: 'paid',
  cash: 'paid',
} as const satisfies Record<PaymentMethod, PaymentState>;

/** States in which the money was collected (it counts on the day's reconciliation and has a receipt). */
export const COLLECTED_STATES = ['paid', 'refunded'] as const satisfies readonly PaymentState[];

export function isCollected(state: PaymentState): boolean {
  return (COLLECTED_STATES as readonly PaymentState[]).includes(state);
}

export interface PaymentRefusal {
  status: 409;
  code: string;
  message: string;
}

/**
 * Why each action is refused. The IPN does not raise them: a notification for a payment no longer
 * pending is answered `02` (already confirmed) and changes nothing.
 */
export const PAYMENT_REFUSALS = {
  resume: { status: 409, code: 'not_pending', message: 'Khoản thanh toán không còn chờ thanh toán' },
  supersede: { status: 409, code: 'not_pending', message: 'Khoản thanh toán không còn chờ thanh toán' },
  confirm: { status: 409, code: 'already_confirmed', message: 'Khoản thanh toán đã được xác nhận' },
  fail: { status: 409, code: 'already_confirmed', message: 'Khoản thanh toán đã được xác nhận' },
  refund: {
    status: 409,
    code: 'not_refundable',
    message: 'Chỉ hoàn tiền được khoản đã thanh toán (và chưa hoàn)',
  },
  print_receipt: {
    status: 409,
    code: 'not_paid',
    message: 'Khoản này chưa được thanh toán nên chưa có biên lai',
  },
} as const satisfies Record<PaymentAction, PaymentRefusal>;

export type PaymentDecision = { ok: true; next: PaymentState } | { ok: false; refusal: PaymentRefusal };

export function paymentAllows(state: PaymentState, action: PaymentAction): boolean {
  return (PAYMENT_ACTIONS_BY_STATE[state] as readonly PaymentAction[]).includes(action);
}

/** The reducer: the state after `action`, or the refusal when the state does not allow it. */
export function decidePayment(state: PaymentState, action: PaymentAction): PaymentDecision {
  if (!paymentAllows(state, action)) return { ok: false, refusal: PAYMENT_REFUSALS[action] };
  const next = (PAYMENT_NEXT_STATE as Partial<Record<PaymentAction, PaymentState>>)[action];
  return { ok: true, next: next ?? state };
}

/** The refusal of `action` as the `AppError` the services throw. */
export function paymentRefusal(action: PaymentAction): AppError {
  const refusal: PaymentRefusal = PAYMENT_REFUSALS[action];
  return new AppError(refusal.status, refusal.code, refusal.message);
}

/** `decidePayment`, throwing the refusal as an `AppError` (what the services want). */
export function requirePaymentAction(state: PaymentState, action: PaymentAction): PaymentState {
  const decision = decidePayment(state, action);
  if (!decision.ok) throw paymentRefusal(action);
  return decision.next;
}
