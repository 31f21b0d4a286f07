import { describe, expect, it } from 'vitest';
import { canMove, isFinal, signWebhook, trackingNumber, verifyWebhook } from './shipment.ts';

describe('shipment statuses', () => {
  it.each([
    ['requested', 'picked_up', true],
    ['requested', 'delivered', false],
    ['picked_up', 'delivered', true],
    ['in_transit', 'returned_to_sender', true],
    ['failed', 'in_transit', true],
    ['delivered', 'failed', false],
    ['returned_to_sender', 'in_transit', false],
  ] as const)('%s → %s: %s', (from, to, ok) => {
    expect(canMove(from, to)).toBe(ok);
  });

  it('delivered and returned to sender are final', () => {
    expect(isFinal('delivered')).toBe(true);
    expect(isFinal('returned_to_sender')).toBe(true);
    expect(isFinal('in_transit')).toBe(false);
  });
});

describe('webhook signatures', () => {
  const body = '{"trackingNumber":"EB123456785VN","status":"delivered"}';
  it('accepts its own signature, refuses another body, another secret, or none', () => {
    const sig = signWebhook(body, 's3cret');
    expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhook(body, sig, 's3cret')).toBe(true);
    expect(verifyWebhook(`${body} `, sig, 's3cret')).toBe(false);
    expect(verifyWebhook(body, sig, 'other')).toBe(false);
    expect(verifyWebhook(body, undefined, 's3cret')).toBe(false);
    expect(verifyWebhook(body, 'sha256=00', 's3cret')).toBe(false);
  });
});

describe('tracking numbers (UPU S10)', () => {
  it.each([
    // The standard's example: RR473124829GB has check digit 9 for 47312482.
    { serial: 47312482, prefix: 'RR', want: 'RR473124829VN' },
    { serial: 1, prefix: 'EB', want: 'EB000000014VN' }, // 7 → 11 − 7 = 4
    { serial: 30, prefix: 'EB', want: 'EB000000306VN' }, // 3×9 = 27, 27 mod 11 = 5 → 6
    { serial: 8, prefix: 'EB', want: 'EB000000080VN' }, // 8×7 = 56, mod 11 = 1 → 10 → 0
    { serial: 15, prefix: 'EB', want: 'EB000000155VN' }, // 9 + 35 = 44, mod 11 = 0 → 11 → 5
  ])('$serial → $want', ({ serial, prefix, want }) => {
    expect(trackingNumber(serial, prefix)).toBe(want);
  });
});
