/**
 * Folds Vietnamese text for search: lowercase, no diacritics, đ→d, single spaces.
 * "Đăng ký khai sinh" → "dang ky khai sinh". Done in code (not SQL unaccent) so PGlite and
 * PostgreSQL index and query exactly the same strings.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, ' ')
    .trim();
}
