import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import {
  APPLICATION_ACTIONS,
  APPLICATION_STATUSES,
  type ApplicationAction,
  type ApplicationStatus,
  decideApplication,
  requireApplicationAction,
} from './lifecycle.ts';

/** Every status × action: the next status, or the refusal's code (written out, not derived from the table). */
const EXPECTED: Record<ApplicationStatus, Record<ApplicationAction, ApplicationStatus | string>> = {
  draft: {
    save: 'draft',
    submit: 'submitted',
    withdraw: 'withdrawn',
    accept: 'not_submitted',
    refuse: 'not_submitted',
    pay: 'application_not_payable',
    supplement: 'not_accepted',
  },
  submitted: {
    save: 'not_draft',
    submit: 'not_draft',
    withdraw: 'withdrawn',
    accept: 'accepted',
    refuse: 'refused',
    pay: 'submitted',
    supplement: 'not_accepted',
  },
  accepted: {
    save: 'not_draft',
    submit: 'not_draft',
    withdraw: 'not_withdrawable',
    accept: 'not_submitted',
    refuse: 'not_submitted',
    pay: 'accepted',
    supplement: 'accepted',
  },
  refused: {
    save: 'not_draft',
    submit: 'not_draft',
    withdraw: 'not_withdrawable',
    accept: 'not_submitted',
    refuse: 'not_submitted',
    pay: 'application_not_payable',
    supplement: 'not_accepted',
  },
  withdrawn: {
    save: 'not_draft',
    submit: 'not_draft',
    withdraw: 'not_withdrawable',
    accept: 'not_submitted',
    refuse: 'not_submitted',
    pay: 'application_not_payable',
    supplement: 'not_accepted',
  },
};

const cases = APPLICATION_STATUSES.flatMap((status) =>
  APPLICATION_ACTIONS.map((action) => [status, action, EXPECTED[status][action]] as const),
);

describe('decideApplication', () => {
  it('has a case for every status × action', () => {
    expect(cases).toHaveLength(APPLICATION_STATUSES.length * APPLICATION_ACTIONS.length);
  });

  it.each(cases)('%s + %s → %s', (status, action, expected) => {
    const decision = decideApplication(status, action);
    if ((APPLICATION_STATUSES as readonly string[]).includes(expected))
      expect(decision).toEqual({ ok: true, next: expected });
    else expect(decision.ok ? null : decision.refusal.code).toBe(expected);
  });

  it('refuses with the HTTP status the services answer', () => {
    expect(decideApplication('draft', 'pay')).toMatchObject({ ok: false, refusal: { status: 422 } });
    expect(decideApplication('accepted', 'withdraw')).toMatchObject({ ok: false, refusal: { status: 409 } });
  });

  it('refused and withdrawn are final', () => {
    for (const status of ['refused', 'withdrawn'] as const)
      for (const action of APPLICATION_ACTIONS) expect(decideApplication(status, action).ok).toBe(false);
  });
});

describe('requireApplicationAction', () => {
  it('returns the next status, or throws the refusal as an AppError', () => {
    expect(requireApplicationAction('draft', 'submit')).toBe('submitted');
    const error = (() => {
      try {
        requireApplicationAction('submitted', 'save');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      status: 409,
      code: 'not_draft',
      message: 'Hồ sơ đã nộp, không sửa được nữa',
    });
  });
});
