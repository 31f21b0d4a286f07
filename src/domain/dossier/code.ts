/**
 * Dossier codes (domain.md, "Dossier codes"; Circular 01/2018/TT-VPCP, kept by Circular
 * 03/2025/TT-VPCP): `<receiving unit code>-<YYMMDD>-<NNNN>`, the date of receipt and the count of
 * dossiers that unit received that day, from 0001. Past 9999 the count keeps growing (10000…),
 * so codes stay unique and never get reused.
 */
import { AppError } from '../errors.ts';

export interface DossierCodeParts {
  unitCode: string;
  /** Local date of receipt, 'YYYY-MM-DD' (years 2000–2099). */
  localDate: string;
  /** The day's count at the unit, from 1. */
  sequence: number;
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CODE = /^(.+)-(\d{2})(\d{2})(\d{2})-(\d{4,})$/;

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function formatDossierCode(unitCode: string, localDate: string, n: number): string {
  const m = LOCAL_DATE.exec(localDate);
  const year = Number(m?.[1]);
  if (!m || year < 2000 || year > 2099 || !validDate(year, Number(m[2]), Number(m[3]))) {
    throw new AppError(400, 'invalid_dossier_code', `Ngày tiếp nhận không hợp lệ: "${localDate}"`);
  }
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new AppError(400, 'invalid_dossier_code', `Số thứ tự hồ sơ không hợp lệ: ${n}`);
  }
  if (unitCode.trim() === '' || /\s/.test(unitCode)) {
    throw new AppError(400, 'invalid_dossier_code', `Mã đơn vị không hợp lệ: "${unitCode}"`);
  }
  return `${unitCode}-${m[1]!.slice(2)}${m[2]}${m[3]}-${String(n).padStart(4, '0')}`;
}

/** The parts of a code, or null when it is not one (bad date, count 0, padding beyond 4 digits). */
export function parseDossierCode(code: string): DossierCodeParts | null {
  if (typeof code !== 'string') return null;
  const m = CODE.exec(code.trim());
  if (!m) return null;
  const [, unitCode, yy, mm, dd, count] = m;
  if (!unitCode || /\s/.test(unitCode) || !count) return null;
  if (count.length > 4 && count.startsWith('0')) return null;
  const year = 2000 + Number(yy);
  if (!validDate(year, Number(mm), Number(dd))) return null;
  const sequence = Number(count);
  if (!Number.isSafeInteger(sequence) || sequence < 1) return null;
  return { unitCode, localDate: `${year}-${mm}-${dd}`, sequence };
}
