import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTimeShort,
  formatLongDate,
  formatMoney,
  formatNumber,
  formatPlaceDate,
  formatTimeDate,
  maskText,
  vnParts,
  vnWallClock,
} from './format.ts';

describe('Vietnamese formatting', () => {
  it('reads instants in Vietnam time (UTC+07:00), whatever the machine zone', () => {
    expect(vnParts(new Date('2026-03-05T02:00:00Z'))).toEqual({
      year: 2026,
      month: 3,
      day: 5,
      hour: 9,
      minute: 0,
    });
    // 17:30 UTC is already the next day in Vietnam.
    expect(formatDateTimeShort(new Date('2026-03-04T17:30:00Z'))).toBe('00:30 05/03/2026');
    expect(formatDate(new Date('2025-12-31T17:00:00Z'))).toBe('01/01/2026');
  });

  it('formats the receipt times as hour, minute, date', () => {
    expect(formatTimeDate(new Date('2026-03-05T09:00:00+07:00'))).toBe('09 giờ 00 phút, ngày 05/03/2026');
    expect(formatTimeDate(new Date('2026-11-20T16:45:00+07:00'))).toBe('16 giờ 45 phút, ngày 20/11/2026');
  });

  it('writes the place-and-date line with a leading zero only for days below 10 and January, February', () => {
    expect(formatPlaceDate('An Giang', new Date('2026-03-05T09:00:00+07:00'))).toBe(
      'An Giang, ngày 05 tháng 3 năm 2026',
    );
    expect(formatLongDate(new Date('2026-02-14T09:00:00+07:00'))).toBe('ngày 14 tháng 02 năm 2026');
    expect(formatLongDate(new Date('2026-01-01T00:00:00+07:00'))).toBe('ngày 01 tháng 01 năm 2026');
    expect(formatLongDate(new Date('2026-12-25T23:59:00+07:00'))).toBe('ngày 25 tháng 12 năm 2026');
  });

  it('groups money with dots and names the currency', () => {
    expect(formatMoney(8000)).toBe('8.000 đồng');
    expect(formatMoney(1234567)).toBe('1.234.567 đồng');
    expect(formatMoney(0)).toBe('0 đồng');
    expect(formatNumber(-50000)).toBe('-50.000');
    expect(formatNumber(999)).toBe('999');
  });

  it('masks all but the tail of a text', () => {
    expect(maskText('089190012345')).toBe('********2345');
    expect(maskText('089190012345', 3, '•')).toBe('•••••••••345');
    expect(maskText('abc', 4)).toBe('***');
  });

  it('gives spreadsheets the Vietnam wall clock', () => {
    const cell = vnWallClock(new Date('2026-03-05T02:00:00Z'));
    expect(cell.toISOString()).toBe('2026-03-05T09:00:00.000Z');
  });
});
