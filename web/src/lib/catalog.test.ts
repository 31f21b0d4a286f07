import { describe, expect, it } from 'vitest';
import { unitOptions } from './catalog';

type Unit = Parameters<typeof unitOptions>[0][number];
const unit = (code: string, name: string, parentCode: string | null): Unit =>
  ({ code, name, parentCode, level: 'commune', hasCounter: true, address: null, phone: null }) as Unit;

describe('units as an indented tree', () => {
  it('puts parents before their children, indented by depth', () => {
    const options = unitOptions([
      unit('XA', 'UBND xã A', 'TINH'),
      unit('TINH', 'UBND tỉnh', null),
      unit('SO', 'Sở Tư pháp', 'TINH'),
      unit('PHONG', 'Phòng Hộ tịch', 'SO'),
    ]);
    expect(options).toEqual([
      { value: 'TINH', label: 'UBND tỉnh' },
      { value: 'XA', label: '\u00a0\u00a0– UBND xã A' },
      { value: 'SO', label: '\u00a0\u00a0– Sở Tư pháp' },
      { value: 'PHONG', label: '\u00a0\u00a0\u00a0\u00a0– Phòng Hộ tịch' },
    ]);
  });

  it('treats a unit whose parent is not in the list as a root', () => {
    expect(unitOptions([unit('XA', 'UBND xã A', 'ELSEWHERE')])).toEqual([
      { value: 'XA', label: 'UBND xã A' },
    ]);
  });

  it('stops at a cycle instead of looping', () => {
    const options = unitOptions([unit('A', 'A', 'B'), unit('B', 'B', 'A'), unit('R', 'R', null)]);
    expect(options).toEqual([{ value: 'R', label: 'R' }]);
  });
});
