import { describe, expect, it } from 'vitest';
import { translator } from './test-i18n';
import { valueText } from './valueText';

describe('a value in a procedure’s version history', () => {
  const t = translator('vi');
  const en = translator('en');

  it('shows nothing as a dash and yes/no in words', () => {
    expect(valueText('fee', null, t, 'vi')).toBe('—');
    expect(valueText('fee', undefined, t, 'vi')).toBe('—');
    expect(valueText('name', '', t, 'vi')).toBe('—');
    expect(valueText('active', true, t, 'vi')).toBe('Có');
    expect(valueText('active', false, t, 'vi')).toBe('Không');
  });

  it('writes fees as money and other numbers as numbers', () => {
    expect(valueText('fee', 50_000, t, 'vi')).toBe('50.000 đ');
    expect(valueText('amount', 50_000, en, 'en')).toBe('50,000 VND');
    expect(valueText('copies', 2, t, 'vi')).toBe('2');
  });

  it('names unit and field codes, and the online level', () => {
    const names = { 'UBND-X': 'UBND xã X' };
    expect(valueText('unitCodes', 'UBND-X', t, 'vi', names)).toBe('UBND xã X');
    expect(valueText('fieldCode', 'HT', t, 'vi', names)).toBe('HT');
    expect(valueText('onlineLevel', 'full', t, 'vi')).toBe('Toàn trình');
  });

  it('lists arrays one item a line, levels by name', () => {
    expect(valueText('levels', ['province', 'commune'], t, 'vi')).toBe('• Cấp tỉnh\n• Cấp xã');
    expect(valueText('unitCodes', ['A', 'B'], t, 'vi', { A: 'Đơn vị A' })).toBe('• Đơn vị A\n• B');
    expect(valueText('levels', [], t, 'vi')).toBe('—');
  });

  it('reads processing times, fees, documents and named things', () => {
    expect(valueText('processingTime', { kind: 'workingDays', value: 5 }, t, 'vi')).toBe('5 ngày làm việc');
    expect(valueText('fees', { amount: 0 }, t, 'vi')).toBe('Miễn phí');
    expect(valueText('fees', { amount: 8000, condition: 'bản sao' }, t, 'vi')).toBe('8.000 đ (bản sao)');
    expect(valueText('documents', { name: 'Tờ khai', form: 'original', copies: 2 }, t, 'vi')).toBe(
      'Tờ khai (2 bộ, Bản chính)',
    );
    expect(valueText('documents', { name: 'Tờ khai', form: 'copy' }, en, 'en')).toBe('Tờ khai (1 set, Copy)');
    expect(valueText('legalBasis', { name: 'Luật Hộ tịch' }, t, 'vi')).toBe('Luật Hộ tịch');
    expect(valueText('other', { a: 1 }, t, 'vi')).toBe('{\n  "a": 1\n}');
  });
});
