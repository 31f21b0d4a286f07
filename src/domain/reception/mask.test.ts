import { describe, expect, it } from 'vitest';
import { maskName } from './mask.ts';

describe('maskName', () => {
  it.each([
    ['Nguyễn Văn An', 'N*** V** A'],
    ['Lê Thị Hoa', 'L* T** H'],
    ['  trần   bình ', 'T*** B'],
    ['Ánh', 'Á'],
    ['Nguyễn Thị Minh Khai', 'N*** T** M*** K'],
    ['', ''],
  ])('%s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});
