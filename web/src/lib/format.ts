import type { TFunction } from 'i18next';
import type { DocumentForm, OnlineLevel, ProcessingTime } from '../api/public';

export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';

function locale(lang: string): string {
  return lang === 'en' ? 'en-GB' : 'vi-VN';
}

// Building a number format is slow (a profile of the home page found most of its render time in
// it): make each once.
const MONEY_EN = new Intl.NumberFormat('en-US');
const MONEY_VI = new Intl.NumberFormat('vi-VN');

/** 8000 → "8.000 đ" (vi) / "8,000 VND" (en). Money is an integer number of đồng. */
export function formatMoney(amount: number, lang: string): string {
  if (lang === 'en') return `${MONEY_EN.format(amount)} VND`;
  return `${MONEY_VI.format(amount)} đ`;
}

export function formatProcessingTime(
  time: ProcessingTime | undefined,
  text: string | null | undefined,
  t: TFunction,
): string {
  if (!time) return text ?? '—';
  switch (time.kind) {
    case 'sameDay':
      return t('time.sameDay');
    case 'workingHours':
      return t('time.workingHours', { count: time.value ?? 0 });
    case 'workingDays':
      return t('time.workingDays', { count: time.value ?? 0 });
    default:
      return text ?? '—';
  }
}

/** "2026-02-16" → "16/02/2026" (vi) / "16 Feb 2026" (en); the date is a local calendar date. */
export function formatDate(date: string | null | undefined, lang: string): string {
  if (!date) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!match) return date;
  const d = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: 'UTC',
    day: '2-digit',
    month: lang === 'en' ? 'short' : '2-digit',
    year: 'numeric',
  }).format(d);
}

/** Long, spoken form for screen readers: "Thứ Hai, 16 tháng 2, 2026". */
export function formatLongDate(date: string, lang: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const value = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(value);
}

/** An instant shown in Vietnam time: "09:00, 16/02/2026". */
export function formatDateTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  const value = new Date(iso);
  if (Number.isNaN(value.getTime())) return iso;
  const parts = new Intl.DateTimeFormat(locale(lang), {
    timeZone: VN_TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(value);
  const day = new Intl.DateTimeFormat(locale(lang), {
    timeZone: VN_TIME_ZONE,
    weekday: 'short',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(value);
  return `${parts}, ${day}`;
}

/** Today's calendar date in Vietnam as YYYY-MM-DD. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: VN_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const value = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
  return value.toISOString().slice(0, 10);
}

/** Day of week of a YYYY-MM-DD date, 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay();
}

/** Next Monday (strictly after today) at 09:00, as a datetime-local value in Vietnam time. */
export function nextMondayAtNine(now: Date = new Date()): string {
  const today = todayInVietnam(now);
  const dow = weekday(today);
  const delta = (8 - dow) % 7 || 7;
  return `${addDays(today, delta)}T09:00`;
}

/** A datetime-local value (Vietnam wall time) → ISO 8601 with the +07:00 offset. */
export function localToIsoVietnam(value: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value);
  if (!match) return null;
  return `${match[1]}T${match[2]}:${match[3]}:${match[4] ?? '00'}+07:00`;
}

export function onlineLevelKey(level: OnlineLevel): string {
  return `onlineLevel.${level}`;
}

export function documentFormKey(form: DocumentForm): string {
  return `documentForm.${form}`;
}

export function onlineLevelColor(level: OnlineLevel): string {
  return level === 'full' ? 'green' : level === 'partial' ? 'blue' : 'gray';
}
