import { describe, expect, it } from 'vitest';
import { foldVietnamese } from './text.ts';

describe('foldVietnamese', () => {
  it.each([
    ['Đăng ký khai sinh', 'dang ky khai sinh'],
    ['ĐĂNG KÝ KẾT HÔN', 'dang ky ket hon'],
    ['  Chứng thực   bản sao — từ bản chính ', 'chung thuc ban sao tu ban chinh'],
    ['Thủ tục 1.001193', 'thu tuc 1.001193'],
    ['Trợ cấp mai táng phí', 'tro cap mai tang phi'],
    ['', ''],
    // As the reception screen matches typed words against "code · name" and checklist items.
    ['1.001193 · Đăng ký khai sinh', '1.001193 dang ky khai sinh'],
    ['Giấy chứng sinh (bản chính)', 'giay chung sinh ban chinh'],
    ['đăng-ký/kết hôn', 'dang ky ket hon'],
  ])('%s → %s', (input, expected) => {
    expect(foldVietnamese(input)).toBe(expected);
  });
});
