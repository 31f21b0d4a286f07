import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import {
  decidePayment,
  INITIAL_PAYMENT_STATE,
  isCollected,
  PAYMENT_ACTIONS,
  PAYMENT_STATES,
  type PaymentAction,
  type PaymentState,
  requirePaymentAction,
} from './lifecycle.ts';

/** Every state × action: the next state, or the refusal's code (written out, not derived from the table). */
const EXPECTED: Record<PaymentState, Record<PaymentAction, PaymentState | string>> = {
  pending: {
    resume: 'pending',
    supersede: 'failed',
    confirm: 'paid',
    fail: 'failed',
    refund: 'not_refundable',
    print_receipt: 'not_paid',
  },
  paid: {
    resume: 'not_pending',
    supersede: 'not_pending',
    confirm: 'already_confirmed',
    fail: 'already_confirmed',
    refund: 'refunded',
    print_receipt: 'paid',
  },
  failed: {
    resume: 'not_pending',
    supersede: 'not_pending',
    confirm: 'already_confirmed',
    fail: 'already_confirmed',
    refund: 'not_refundable',
    print_receipt: 'not_paid',
  },
  refunded: {
    resume: 'not_pending',
    supersede: 'not_pending',
    confirm: 'already_confirmed',
    fail: 'already_confirmed',
    refund: 'not_refundable',
    print_receipt: 'refunded',
  },
};

const cases = PAYMENT_STATES.flatMap((state) =>
  PAYMENT_ACTIONS.map((action) => [state, action, EXPECTED[state][action]] as const),
);

describe('decidePayment', () => {
  it('has a case for every state × action', () => {
    expect(cases).toHaveLength(PAYMENT_STATES.length * PAYMENT_ACTIONS.length);
  });

  it.each(cases)('%s + %s → %s', (state, action, expected) => {
    const decision = decidePayment(state, action);
    if ((PAYMENT_STATES as readonly string[]).includes(expected))
      expect(decision).toEqual({ ok: true, next: expected });
    else expect(decision.ok ? null : decision.refusal.code).toBe(expected);
  });

  it('a failed payment is final', () => {
    for (const action of PAYMENT_ACTIONS) expect(decidePayment('failed', action).ok).toBe(false);
  });
});

describe('creation and collection', () => {
  it('the gateway starts pending, the counter records paid', () => {
    expect(INITIAL_PAYMENT_STATE).toEqual({ gateway: 'pending', vietqr: 'paid', cash: 'paid' });
  });

  it.each<[PaymentState, boolean]>([
    ['pending', false],
    ['paid', true],
    ['failed', false],
    ['refunded', true],
  ])('%s collected: %s', (state, collected) => {
    expect(isCollected(state)).toBe(collected);
  });
});

describe('requirePaymentAction', () => {
  it('returns the next state, or throws the refusal as an AppError', () => {
    expect(requirePaymentAction('paid', 'refund')).toBe('refunded');
    expect(() => requirePaymentAction('refunded', 'refund')).toThrow(AppError);
    expect(() => requirePaymentAction('pending', 'print_receipt')).toThrow(
      'Khoản này chưa được thanh toán nên chưa có biên lai',
    );
  });
});
