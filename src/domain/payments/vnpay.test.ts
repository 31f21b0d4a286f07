import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildPaymentUrl,
  canonicalQuery,
  flattenQuery,
  isSuccessfulCallback,
  paymentParams,
  parseVnpDate,
  sandboxCallbackParams,
  signVnpParams,
  verifyVnpParams,
  vnpDate,
  vnpEncode,
} from './vnpay.ts';

const SECRET = 'test-secret';
const request = {
  tmnCode: 'MOTCUA01',
  amount: 38000,
  txnRef: 'MC260302ABCDEFGH',
  orderInfo: 'Thanh toan phi ho so AG.LONGXUYEN-260302-0001',
  locale: 'vn' as const,
  returnUrl: 'http://localhost:3000/api/v1/payments/vnpay/return',
  ipAddr: '127.0.0.1',
  createDate: new Date('2026-03-02T02:00:00Z'),
};

/** Parses a URL's query like a web server does ("+" is a space). */
const queryOf = (url: string) => Object.fromEntries(new URLSearchParams(url.split('?')[1]));

describe('VNPay dates', () => {
  it.each([
    ['2026-03-02T02:00:00Z', '20260302090000'],
    ['2026-03-01T17:30:05Z', '20260302003005'],
    ['2025-12-31T16:59:59Z', '20251231235959'],
    ['2025-12-31T17:00:00Z', '20260101000000'],
  ])('%s is %s in GMT+7 and back', (iso, text) => {
    expect(vnpDate(new Date(iso))).toBe(text);
    expect(parseVnpDate(text)?.toISOString()).toBe(new Date(iso).toISOString());
  });

  it.each(['2026030209000', '20260230090000', 'abc'])('rejects %s', (text) => {
    expect(parseVnpDate(text)).toBeNull();
  });
});

describe('VNPay encoding', () => {
  it.each([
    ['a b', 'a+b'],
    ['a+b', 'a%2Bb'],
    ['Phí hồ sơ', 'Ph%C3%AD+h%E1%BB%93+s%C6%A1'],
    ['http://x/y?z=1&w', 'http%3A%2F%2Fx%2Fy%3Fz%3D1%26w'],
    ["!'()*~-_.", "!'()*~-_."],
  ])('%s → %s', (value, encoded) => {
    expect(vnpEncode(value)).toBe(encoded);
  });
});

describe('the payment URL', () => {
  it('carries the 2.1.0 fields, sorted, amount ×100, dates in GMT+7', () => {
    const params = paymentParams(request);
    expect(params).toMatchObject({
      vnp_Version: '2.1.0',
      vnp_Command: 'pay',
      vnp_TmnCode: 'MOTCUA01',
      vnp_Amount: '3800000',
      vnp_CurrCode: 'VND',
      vnp_OrderType: 'other',
      vnp_Locale: 'vn',
      vnp_CreateDate: '20260302090000',
      vnp_ExpireDate: '20260302091500',
    });
    expect(canonicalQuery(params)).toBe(
      'vnp_Amount=3800000&vnp_Command=pay&vnp_CreateDate=20260302090000&vnp_CurrCode=VND' +
        '&vnp_ExpireDate=20260302091500&vnp_IpAddr=127.0.0.1&vnp_Locale=vn' +
        '&vnp_OrderInfo=Thanh+toan+phi+ho+so+AG.LONGXUYEN-260302-0001&vnp_OrderType=other' +
        '&vnp_ReturnUrl=http%3A%2F%2Flocalhost%3A3000%2Fapi%2Fv1%2Fpayments%2Fvnpay%2Freturn' +
        '&vnp_TmnCode=MOTCUA01&vnp_TxnRef=MC260302ABCDEFGH&vnp_Version=2.1.0',
    );
  });

  it('is signed with HMAC-SHA512 over the sorted query string', () => {
    const url = buildPaymentUrl('https://gw.example/pay', SECRET, request);
    const [base, query] = url.split('?') as [string, string];
    expect(base).toBe('https://gw.example/pay');
    const [signed, hash] = query.split('&vnp_SecureHash=') as [string, string];
    expect(hash).toBe(createHmac('sha512', SECRET).update(signed).digest('hex'));
    expect(verifyVnpParams(queryOf(url), SECRET)).toBe(true);
  });

  it('rejects a non-positive or fractional amount', () => {
    expect(() => paymentParams({ ...request, amount: 0 })).toThrow();
    expect(() => paymentParams({ ...request, amount: 10.5 })).toThrow();
  });
});

const flipLast = (hash: string) => hash.slice(0, -1) + (hash.endsWith('0') ? '1' : '0');

describe('verifyVnpParams', () => {
  const signed = queryOf(buildPaymentUrl('https://gw.example/pay', SECRET, request));
  it.each<[string, Record<string, unknown>, boolean]>([
    ['the signed parameters', signed, true],
    [
      'with vnp_SecureHashType and non-vnp extras',
      { ...signed, vnp_SecureHashType: 'HmacSHA512', foo: 'x' },
      true,
    ],
    ['an upper-case hash', { ...signed, vnp_SecureHash: String(signed.vnp_SecureHash).toUpperCase() }, true],
    ['a changed amount', { ...signed, vnp_Amount: '100' }, false],
    ['a changed reference', { ...signed, vnp_TxnRef: 'MC260302ZZZZZZZZ' }, false],
    ['an added vnp_ field', { ...signed, vnp_BankCode: 'NCB' }, false],
    ['no hash', { ...signed, vnp_SecureHash: undefined }, false],
    ['a short hash', { ...signed, vnp_SecureHash: 'abc' }, false],
    [
      'a hash with its last digit changed',
      { ...signed, vnp_SecureHash: flipLast(String(signed.vnp_SecureHash)) },
      false,
    ],
  ])('%s → %s', (_name, params, valid) => {
    expect(verifyVnpParams(params, SECRET)).toBe(valid);
  });

  it('fails with another secret', () => {
    expect(verifyVnpParams(signed, 'other')).toBe(false);
  });
});

describe('the sandbox callback', () => {
  const req = paymentParams(request);
  it.each<['success' | 'failed' | 'cancelled', string, string, boolean]>([
    ['success', '00', '00', true],
    ['failed', '51', '02', false],
    ['cancelled', '24', '02', false],
  ])('%s → vnp_ResponseCode %s, vnp_TransactionStatus %s', (outcome, code, status, ok) => {
    const params = sandboxCallbackParams(req, outcome, {
      transactionNo: '14123456',
      payDate: new Date('2026-03-02T02:05:00Z'),
      secret: SECRET,
    });
    expect(params).toMatchObject({
      vnp_ResponseCode: code,
      vnp_TransactionStatus: status,
      vnp_TxnRef: 'MC260302ABCDEFGH',
      vnp_Amount: '3800000',
      vnp_BankCode: 'NCB',
      vnp_PayDate: '20260302090500',
    });
    expect(verifyVnpParams(params, SECRET)).toBe(true);
    expect(isSuccessfulCallback(params)).toBe(ok);
    // Sent through a URL and parsed back, it still verifies.
    const url = `http://x/return?${canonicalQuery(params)}&vnp_SecureHash=${signVnpParams(params, SECRET)}`;
    expect(verifyVnpParams(flattenQuery(queryOf(url)), SECRET)).toBe(true);
  });
});
