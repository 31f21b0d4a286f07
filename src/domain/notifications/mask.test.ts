import { describe, expect, it } from 'vitest';
import { maskRecipient } from './mask.ts';

describe('maskRecipient', () => {
  it.each([
    ['0987654321', '098****321'],
    ['+84987654321', '+84******321'],
    ['thu.nguyen@example.vn', 't*********@example.vn'],
    ['a@b.vn', 'a*@b.vn'],
    ['12345', '*****'],
    ['', ''],
  ])('%s → %s', (given, masked) => {
    expect(maskRecipient(given)).toBe(masked);
  });

  it('never keeps more than six characters of a phone number', () => {
    const masked = maskRecipient('0912345678');
    expect(masked.replace(/\*/g, '').length).toBeLessThanOrEqual(6);
  });
});
