import { describe, expect, it } from 'vitest';
import { formatDossierCode, parseDossierCode } from './code.ts';

describe('formatDossierCode', () => {
  it.each<[string, string, number, string]>([
    ['AG.LONGXUYEN', '2026-03-02', 1, 'AG.LONGXUYEN-260302-0001'],
    ['AG.LONGXUYEN', '2026-03-02', 42, 'AG.LONGXUYEN-260302-0042'],
    ['AG.LONGXUYEN', '2026-12-31', 9999, 'AG.LONGXUYEN-261231-9999'],
    ['AG.LONGXUYEN', '2026-12-31', 10000, 'AG.LONGXUYEN-261231-10000'],
    ['000.00.20.H56', '2025-07-01', 7, '000.00.20.H56-250701-0007'],
    ['AG', '2028-02-29', 123, 'AG-280229-0123'],
  ])('%s %s #%i → %s', (unit, date, n, code) => {
    expect(formatDossierCode(unit, date, n)).toBe(code);
    expect(parseDossierCode(code)).toEqual({ unitCode: unit, localDate: date, sequence: n });
  });

  it.each<[string, string, number]>([
    ['not a date', '02/03/2026', 1],
    ['no such day', '2026-02-29', 1],
    ['outside 2000–2099', '2126-01-01', 1],
    ['count 0', '2026-03-02', 0],
    ['fractional count', '2026-03-02', 1.5],
    ['empty unit', '2026-03-02', 1],
  ])('refuses %s', (name, date, n) => {
    const unit = name === 'empty unit' ? ' ' : 'AG';
    expect(() => formatDossierCode(unit, date, n)).toThrow(
      expect.objectContaining({ code: 'invalid_dossier_code' }),
    );
  });
});

describe('parseDossierCode', () => {
  it('takes the unit code from the left of the last two parts (unit codes may contain hyphens)', () => {
    expect(parseDossierCode('H-56-260302-0001')).toEqual({
      unitCode: 'H-56',
      localDate: '2026-03-02',
      sequence: 1,
    });
  });

  it.each([
    'AG',
    'AG-260302',
    '-260302-0001',
    'AG-260302-001',
    'AG-260302-00001',
    'AG-260302-0000',
    'AG-260230-0001',
    'AG-261301-0001',
    'AG-2603020-0001',
    'A G-260302-0001',
  ])('%s is not a dossier code', (code) => {
    expect(parseDossierCode(code)).toBeNull();
  });
});
