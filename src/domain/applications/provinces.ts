/**
 * The 34 provinces and centrally-run cities in force since 1 July 2025 (Nghị quyết 202/2025/QH15),
 * for the province picker of address fields. Codes are this project's short codes (a jurisdiction's
 * root unit uses the same code, e.g. the demo's An Giang is `AG`); communes are offered from the
 * units of a jurisdiction served here, and typed freely elsewhere.
 */
export interface Province {
  code: string;
  name: string;
}

export const PROVINCES: readonly Province[] = [
  { code: 'HN', name: 'Thành phố Hà Nội' },
  { code: 'HCM', name: 'Thành phố Hồ Chí Minh' },
  { code: 'HP', name: 'Thành phố Hải Phòng' },
  { code: 'DNG', name: 'Thành phố Đà Nẵng' },
  { code: 'CT', name: 'Thành phố Cần Thơ' },
  { code: 'HUE', name: 'Thành phố Huế' },
  { code: 'AG', name: 'Tỉnh An Giang' },
  { code: 'BN', name: 'Tỉnh Bắc Ninh' },
  { code: 'CM', name: 'Tỉnh Cà Mau' },
  { code: 'CB', name: 'Tỉnh Cao Bằng' },
  { code: 'DL', name: 'Tỉnh Đắk Lắk' },
  { code: 'DB', name: 'Tỉnh Điện Biên' },
  { code: 'DNA', name: 'Tỉnh Đồng Nai' },
  { code: 'DT', name: 'Tỉnh Đồng Tháp' },
  { code: 'GL', name: 'Tỉnh Gia Lai' },
  { code: 'HT', name: 'Tỉnh Hà Tĩnh' },
  { code: 'HY', name: 'Tỉnh Hưng Yên' },
  { code: 'KH', name: 'Tỉnh Khánh Hòa' },
  { code: 'LC', name: 'Tỉnh Lai Châu' },
  { code: 'LD', name: 'Tỉnh Lâm Đồng' },
  { code: 'LS', name: 'Tỉnh Lạng Sơn' },
  { code: 'LCA', name: 'Tỉnh Lào Cai' },
  { code: 'NA', name: 'Tỉnh Nghệ An' },
  { code: 'NB', name: 'Tỉnh Ninh Bình' },
  { code: 'PT', name: 'Tỉnh Phú Thọ' },
  { code: 'QNG', name: 'Tỉnh Quảng Ngãi' },
  { code: 'QN', name: 'Tỉnh Quảng Ninh' },
  { code: 'QT', name: 'Tỉnh Quảng Trị' },
  { code: 'SL', name: 'Tỉnh Sơn La' },
  { code: 'TN', name: 'Tỉnh Tây Ninh' },
  { code: 'TNG', name: 'Tỉnh Thái Nguyên' },
  { code: 'TH', name: 'Tỉnh Thanh Hóa' },
  { code: 'TQ', name: 'Tỉnh Tuyên Quang' },
  { code: 'VL', name: 'Tỉnh Vĩnh Long' },
];

const BY_CODE = new Map(PROVINCES.map((p) => [p.code, p.name]));

/** The province's name, or the code itself when unknown (never throws: old answers stay readable). */
export function provinceName(code: string): string {
  return BY_CODE.get(code) ?? code;
}

export function isProvinceCode(code: string): boolean {
  return BY_CODE.has(code);
}
