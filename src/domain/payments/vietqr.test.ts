import { describe, expect, it } from 'vitest';
import { crc16, parseTlv, tlv, vietQrPayload, vietQrPurpose } from './vietqr.ts';

describe('CRC-16/CCITT-FALSE', () => {
  it.each([
    ['123456789', '29B1'],
    ['', 'FFFF'],
    ['A', 'B915'],
  ])('%s → %s', (input, crc) => {
    expect(crc16(input)).toBe(crc);
  });
});

describe('VietQR payload', () => {
  const payload = vietQrPayload({
    bankBin: '970405',
    accountNumber: '7300201001234',
    amount: 38000,
    reference: 'MC260302ABCDEFGH',
  });

  it('has the EMVCo fields in order', () => {
    const fields = parseTlv(payload);
    expect(fields.map((f) => f.id)).toEqual(['00', '01', '38', '53', '54', '58', '62', '63']);
    const byId = Object.fromEntries(fields.map((f) => [f.id, f.value]));
    expect(byId['00']).toBe('01');
    expect(byId['01']).toBe('12');
    expect(byId['53']).toBe('704');
    expect(byId['54']).toBe('38000');
    expect(byId['58']).toBe('VN');
    expect(parseTlv(byId['62']!)).toEqual([{ id: '08', value: 'MC260302ABCDEFGH' }]);
    const merchant = parseTlv(byId['38']!);
    expect(merchant).toEqual([
      { id: '00', value: 'A000000727' },
      { id: '01', value: '00069704050113730020100' + '1234' },
      { id: '02', value: 'QRIBFTTA' },
    ]);
    expect(parseTlv(merchant[1]!.value)).toEqual([
      { id: '00', value: '970405' },
      { id: '01', value: '7300201001234' },
    ]);
  });

  it('ends with a CRC over everything up to and including "6304"', () => {
    expect(payload.slice(-8, -4)).toBe('6304');
    expect(payload.slice(-4)).toBe(crc16(payload.slice(0, -4)));
    expect(payload).toBe(
      '00020101021238570010A00000072701270006970405011373002010012340208QRIBFTTA' +
        '530370454053800058' +
        '02VN62200816MC260302ABCDEFGH6304' +
        crc16(
          '00020101021238570010A00000072701270006970405011373002010012340208QRIBFTTA' +
            '53037045405380005802VN62200816MC260302ABCDEFGH6304',
        ),
    );
  });

  it('is static (11) without an amount', () => {
    const fields = parseTlv(vietQrPayload({ bankBin: '970405', accountNumber: '123' }));
    expect(fields.find((f) => f.id === '01')?.value).toBe('11');
    expect(fields.some((f) => f.id === '54' || f.id === '62')).toBe(false);
  });

  it('cleans the purpose and rejects bad input', () => {
    expect(vietQrPurpose('Phí hồ sơ Đất #12')).toBe('Phi ho so Dat 12');
    expect(vietQrPurpose('x'.repeat(40))).toHaveLength(25);
    expect(() => vietQrPayload({ bankBin: '9704', accountNumber: '1' })).toThrow();
    expect(() => vietQrPayload({ bankBin: '970405', accountNumber: '1', amount: -1 })).toThrow();
    expect(() => tlv('1', 'x')).toThrow();
  });
});
