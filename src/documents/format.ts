/**
 * Vietnamese formatting for the printed forms. Pure: every date is passed in and rendered in
 * Asia/Ho_Chi_Minh, which has been a fixed UTC+07:00 since 1975 (no daylight saving), so the
 * offset is applied arithmetically instead of through Intl (whose ICU data may be absent).
 */

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

export interface VnDateParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The wall-clock parts of an instant in Vietnam. */
export function vnParts(date: Date): VnDateParts {
  const shifted = new Date(date.getTime() + VN_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
  };
}

/**
 * The Vietnam wall clock of an instant as a Date whose UTC fields carry it. For spreadsheets:
 * Excel has no time zones, so a cell must hold the local wall-clock value.
 */
export function vnWallClock(date: Date): Date {
  return new Date(date.getTime() + VN_OFFSET_MS);
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** "05/03/2026" */
export function formatDate(date: Date): string {
  const p = vnParts(date);
  return `${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}

/** "09:00" */
export function formatTime(date: Date): string {
  const p = vnParts(date);
  return `${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** "09:00 05/03/2026" (compact, for tables). */
export function formatDateTimeShort(date: Date): string {
  return `${formatTime(date)} ${formatDate(date)}`;
}

/** "09 giờ 00 phút, ngày 05/03/2026" — the receipt's hour, minute, date. */
export function formatTimeDate(date: Date): string {
  const p = vnParts(date);
  return `${pad2(p.hour)} giờ ${pad2(p.minute)} phút, ngày ${formatDate(date)}`;
}

/**
 * "ngày 05 tháng 3 năm 2026". Decree 30/2020/NĐ-CP (Appendix I, on the place-and-date line of
 * administrative documents): days below 10 and the months 1 and 2 take a leading zero, other
 * months do not — so "tháng 01", "tháng 02", but "tháng 3" … "tháng 12".
 */
export function formatLongDate(date: Date): string {
  const p = vnParts(date);
  const month = p.month <= 2 ? pad2(p.month) : String(p.month);
  return `ngày ${pad2(p.day)} tháng ${month} năm ${p.year}`;
}

/** "An Giang, ngày 05 tháng 3 năm 2026" — the place and date line. */
export function formatPlaceDate(place: string, date: Date): string {
  return `${place}, ${formatLongDate(date)}`;
}

/** Groups thousands with dots, the Vietnamese way: 1234567 → "1.234.567". */
export function formatNumber(value: number): string {
  const negative = value < 0;
  const digits = String(Math.round(Math.abs(value)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return negative ? `-${grouped}` : grouped;
}

/** 8000 → "8.000 đồng" */
export function formatMoney(amount: number): string {
  return `${formatNumber(amount)} đồng`;
}

/**
 * Masks all but the last `visible` characters: ("079203001234", 4) → "********1234". For copies
 * shown to people other than the applicant (an ID number on a public screen, a shared export).
 */
export function maskText(text: string, visible = 4, maskChar = '*'): string {
  const chars = Array.from(text);
  if (chars.length <= visible) return maskChar.repeat(chars.length);
  return maskChar.repeat(chars.length - visible) + chars.slice(chars.length - visible).join('');
}

/** Two-digit zero padding, "7" → "07" (counts of copies and sets on the forms). */
export function formatCount(n: number): string {
  return pad2(n);
}
