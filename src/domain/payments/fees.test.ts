import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { computeFees, feesTotal, POSTAL_FEE_LABEL, selectFees } from './fees.ts';

const table = [
  { amount: 8000, condition: 'Lệ phí đăng ký khai sinh không đúng hạn' },
  { amount: 8000, condition: 'Phí cấp bản sao: 8.000 đồng/bản' },
  { amount: null, condition: '' },
];

describe('computeFees', () => {
  it('adds the chosen rows', () => {
    expect(computeFees({ fees: table, feeIndexes: [0, 1], postalFee: 30000 })).toEqual({
      items: [
        { label: 'Lệ phí đăng ký khai sinh không đúng hạn', amount: 8000 },
        { label: 'Phí cấp bản sao: 8.000 đồng/bản', amount: 8000 },
      ],
      total: 16000,
    });
  });

  it('is zero with no row chosen, and a row without a figure counts as 0', () => {
    expect(computeFees({ fees: table, feeIndexes: [], postalFee: 30000 })).toEqual({ items: [], total: 0 });
    const r = computeFees({ fees: table, feeIndexes: [2], postalFee: 0, resultDelivery: 'counter' });
    expect(r.total).toBe(0);
    expect(r.items[0]!.label).toMatch(/Phí, lệ phí/);
  });

  it('adds the postal charge when the result goes by post', () => {
    const r = computeFees({ fees: table, feeIndexes: [0], resultDelivery: 'postal', postalFee: 30000 });
    expect(r.items.at(-1)).toEqual({ label: POSTAL_FEE_LABEL, amount: 30000 });
    expect(r.total).toBe(38000);
    expect(
      computeFees({ fees: table, feeIndexes: [0], resultDelivery: 'online', postalFee: 30000 }).total,
    ).toBe(8000);
  });

  it('charges each row per set when sets is given', () => {
    const r = computeFees({ fees: table, feeIndexes: [1], postalFee: 0, sets: 3 });
    expect(r).toEqual({
      items: [{ label: 'Phí cấp bản sao: 8.000 đồng/bản (× 3)', amount: 24000 }],
      total: 24000,
    });
  });

  it('rejects an index outside the table with a 400 naming the field', () => {
    try {
      computeFees({ fees: table, feeIndexes: [0, 7], postalFee: 0, pathPrefix: 'items.0.' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(400);
      expect((error as AppError).errors).toEqual([
        { path: 'items.0.feeIndexes.1', message: 'Không có mức phí số 7 của thủ tục' },
      ]);
    }
    expect(() => selectFees(table, [-1])).toThrow(AppError);
  });

  it('sums stored fee rows', () => {
    expect(feesTotal(table)).toBe(16000);
  });
});
