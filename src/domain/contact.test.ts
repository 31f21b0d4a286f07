import { describe, expect, it } from 'vitest';
import { compactPhone, EMAIL_RE, ID_NUMBER_RE, isPhone, normalisePhone } from './contact.ts';

describe('phone numbers', () => {
  it.each([
    // typed, compacted, national form, accepted
    ['0912345678', '0912345678', '0912345678', true],
    ['  0912345678 ', '0912345678', '0912345678', true],
    ['0912 345 678', '0912345678', '0912345678', true],
    ['0912.345.678', '0912345678', '0912345678', true],
    ['0912-345-678', '0912345678', '0912345678', true],
    ['+84912345678', '+84912345678', '0912345678', true],
    ['+84 912 345 678', '+84912345678', '0912345678', true],
    ['+84-912.345 678', '+84912345678', '0912345678', true],
    // landlines: area code 2x(x), eleven digits nationally
    ['024 3825 3536', '02438253536', '02438253536', true],
    ['+84 24 3825 3536', '+842438253536', '02438253536', true],
    ['0236.3821.234', '02363821234', '02363821234', true],
    // 84 without the plus is not a form the forms accept; it is kept as typed
    ['84912345678', '84912345678', '84912345678', false],
    ['0084912345678', '0084912345678', '0084912345678', false],
    // bad input
    ['', '', '', false],
    ['   ', '', '', false],
    ['091234567', '091234567', '091234567', false],
    ['091234567890', '091234567890', '091234567890', false],
    ['0912 345 67a', '091234567a', '091234567a', false],
    ['(091) 234 5678', '(091)2345678', '(091)2345678', false],
    ['abc', 'abc', 'abc', false],
    ['+1 415 555 0100', '+14155550100', '+14155550100', false],
  ])('%j → %j / %j (accepted: %s)', (typed, compact, national, accepted) => {
    expect(compactPhone(typed)).toBe(compact);
    expect(normalisePhone(typed)).toBe(national);
    expect(isPhone(typed)).toBe(accepted);
  });

  it('gives the same national form for every way of writing one number', () => {
    const forms = ['0912345678', '0912 345 678', '+84 912 345 678', '+84912.345.678', ' 0912-345-678 '];
    expect(new Set(forms.map(normalisePhone))).toEqual(new Set(['0912345678']));
  });
});

describe('ID numbers and e-mail addresses', () => {
  it.each([
    ['001234567890', true],
    ['123456789', true],
    ['12345678901', false],
    ['1234567890123', false],
    ['00123456789a', false],
    ['', false],
  ])('ID number %j: %s', (value, ok) => {
    expect(ID_NUMBER_RE.test(value)).toBe(ok);
  });

  it.each([
    ['an@example.vn', true],
    ['a.b+c@mail.gov.vn', true],
    ['an@example', false],
    ['an example@example.vn', false],
    ['@example.vn', false],
    ['', false],
  ])('e-mail %j: %s', (value, ok) => {
    expect(EMAIL_RE.test(value)).toBe(ok);
  });
});
