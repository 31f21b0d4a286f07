import { describe, expect, it } from 'vitest';
import { foldVietnamese } from '../text.ts';
import { CatalogSearch, editDistance, type SearchEntry, trigramSimilarity } from './search.ts';

function entry(
  code: string,
  name: string,
  fieldCode = 'HT',
  extra: Partial<SearchEntry<string>> = {},
): SearchEntry<string> {
  return {
    code,
    name,
    foldedName: foldVietnamese(name),
    foldedText: foldVietnamese(`${code} ${name}`),
    status: 'active',
    fieldCode,
    levels: ['commune'],
    unitCodes: ['X1'],
    item: code,
    ...extra,
  };
}

const catalog = new CatalogSearch([
  entry('1.004873', 'Đăng ký khai sinh lưu động'),
  entry('1.001193', 'Đăng ký khai sinh'),
  entry('1.003583', 'Đăng ký khai sinh có yếu tố nước ngoài'),
  entry('1.000894', 'Đăng ký kết hôn'),
  entry('2.000815', 'Chứng thực bản sao từ bản chính', 'CT'),
  entry('1.001022', 'Đăng ký khai tử', 'HT', { levels: ['province'], unitCodes: ['P'] }),
  entry('9.000001', 'Thủ tục đã bãi bỏ về khai sinh', 'HT', { status: 'retired' }),
]);
const search = (q: string, extra: object = {}) => catalog.search({ q, page: 1, pageSize: 10, ...extra });

describe('CatalogSearch', () => {
  it.each([
    ['dang ky khai sinh', '1.001193'],
    ['ĐĂNG KÝ KHAI SINH', '1.001193'],
    ['Đăng ký khai sinh', '1.001193'],
    ['khai sinh', '1.001193'],
    ['1.003583', '1.003583'],
    ['chung thuc', '2.000815'],
    ['ket hon', '1.000894'],
    ['khei sinh', '1.001193'],
    ['dang ky ket hon', '1.000894'],
    ['sinh khai', '1.001193'],
  ])('%s → first %s', (q, code) => {
    expect(search(q).items[0]).toBe(code);
  });

  it('requires every word', () => {
    expect(search('khai sinh luu dong').items).toEqual(['1.004873']);
    expect(search('khai sinh ket hon').total).toBe(0);
  });

  it('hides retired procedures unless asked', () => {
    expect(search('bai bo').total).toBe(0);
    expect(search('bai bo', { status: 'all' }).items).toEqual(['9.000001']);
    expect(search('bai bo', { status: 'retired' }).items).toEqual(['9.000001']);
  });

  it('filters by field, level and unit', () => {
    expect(search('', { field: 'CT' }).items).toEqual(['2.000815']);
    expect(search('dang ky', { level: 'province' }).items).toEqual(['1.001022']);
    expect(search('', { unit: 'P' }).items).toEqual(['1.001022']);
  });

  it('pages and counts', () => {
    const all = catalog.search({ page: 1, pageSize: 2 });
    expect(all.total).toBe(6);
    expect(all.items).toHaveLength(2);
    expect(catalog.search({ page: 3, pageSize: 2 }).items).toHaveLength(2);
    expect(catalog.search({ page: 4, pageSize: 2 }).items).toHaveLength(0);
  });

  it('reports a spelling correction', () => {
    expect(search('khei sinh').correctedQuery).toBe('khai sinh');
    expect(search('khai sinh').correctedQuery).toBeNull();
  });

  it('trigram similarity and edit distance', () => {
    expect(trigramSimilarity('khai', 'khai')).toBe(1);
    expect(trigramSimilarity('khei', 'khai')).toBeGreaterThan(0.2);
    expect(trigramSimilarity('abc', 'xyz')).toBe(0);
    expect(editDistance('khei', 'khai')).toBe(1);
    expect(editDistance('kahi', 'khai')).toBe(1);
    expect(editDistance('chung', 'chứng')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
