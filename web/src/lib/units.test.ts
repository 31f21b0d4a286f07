import { describe, expect, it } from 'vitest';
import { chosenUnit } from './units';

describe('the unit an office screen works on', () => {
  const units = [
    { code: 'UBND-X', name: 'UBND xã X' },
    { code: 'UBND-Y', name: 'UBND xã Y' },
  ];

  it('is the one picked while the user holds a role there', () => {
    expect(chosenUnit(units, 'UBND-Y')).toBe('UBND-Y');
  });

  it('is the first before anything is picked, or once the picked one is gone', () => {
    expect(chosenUnit(units, '')).toBe('UBND-X');
    expect(chosenUnit(units, 'SO-TP')).toBe('UBND-X');
  });

  it('is none when the user holds the role nowhere', () => {
    expect(chosenUnit([], '')).toBe('');
    expect(chosenUnit([], 'UBND-X')).toBe('');
  });
});
