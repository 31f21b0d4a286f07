import { describe, expect, it } from 'vitest';
import {
  addDays,
  documentFormKey,
  formatDate,
  formatDateTime,
  formatLongDate,
  formatMoney,
  formatProcessingTime,
  localToIsoVietnam,
  nextMondayAtNine,
  onlineLevelColor,
  onlineLevelKey,
  todayInVietnam,
  weekday,
} from './format';
import { translator } from './test-i18n';

describe('money', () => {
  it.each([
    [8000, 'vi', '8.000 đ'],
    [8000, 'en', '8,000 VND'],
    [0, 'vi', '0 đ'],
    [1_234_567, 'vi', '1.234.567 đ'],
    [1_234_567, 'en', '1,234,567 VND'],
  ])('%d in %s → %s', (amount, lang, text) => {
    expect(formatMoney(amount, lang)).toBe(text);
  });
});

describe('calendar dates', () => {
  it('writes a local date day first, in the language of the page', () => {
    expect(formatDate('2026-02-16', 'vi')).toBe('16/02/2026');
    expect(formatDate('2026-02-16', 'en')).toBe('16 Feb 2026');
    // The date part of a longer value; the calendar date, whatever the time zone.
    expect(formatDate('2026-02-16T23:30:00-05:00', 'vi')).toBe('16/02/2026');
  });

  it('shows a dash for nothing and the text itself for what is not a date', () => {
    expect(formatDate(null, 'vi')).toBe('—');
    expect(formatDate(undefined, 'en')).toBe('—');
    expect(formatDate('', 'vi')).toBe('—');
    expect(formatDate('soon', 'vi')).toBe('soon');
  });

  it('spells the date out for screen readers', () => {
    expect(formatLongDate('2026-02-16', 'vi')).toBe('Thứ Hai, 16 tháng 2, 2026');
    expect(formatLongDate('2026-02-16', 'en')).toBe('Monday, 16 February 2026');
  });

  it('adds days across months, leap days and years', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-02-16', 0)).toBe('2026-02-16');
  });

  it('numbers the days of the week from Sunday', () => {
    expect(weekday('2026-02-15')).toBe(0);
    expect(weekday('2026-02-16')).toBe(1);
    expect(weekday('2026-02-21')).toBe(6);
  });
});

describe('instants in Vietnam time', () => {
  it('shows the wall clock in Hà Nội, not the machine’s', () => {
    // 02:00 UTC is 09:00 in Vietnam (UTC+7, no daylight saving).
    expect(formatDateTime('2026-02-16T02:00:00Z', 'vi')).toMatch(/^09:00, .+16\/02\/2026$/);
    expect(formatDateTime('2026-02-16T02:00:00Z', 'en')).toMatch(/^09:00, Mon.+16\/02\/2026$/);
    // 17:30 UTC on the 15th is already the 16th in Vietnam.
    expect(formatDateTime('2026-02-15T17:30:00Z', 'vi')).toMatch(/^00:30, .+16\/02\/2026$/);
  });

  it('keeps what it cannot read', () => {
    expect(formatDateTime(null, 'vi')).toBe('—');
    expect(formatDateTime('later', 'vi')).toBe('later');
  });

  it('knows which day it is in Vietnam', () => {
    expect(todayInVietnam(new Date('2026-02-15T16:59:00Z'))).toBe('2026-02-15');
    expect(todayInVietnam(new Date('2026-02-15T17:00:00Z'))).toBe('2026-02-16');
  });

  it('proposes the next Monday at nine, never today', () => {
    // Monday 10:00 in Vietnam → the Monday after.
    expect(nextMondayAtNine(new Date('2026-02-16T03:00:00Z'))).toBe('2026-02-23T09:00');
    // Sunday 18:00 UTC is Monday 01:00 in Vietnam → still the Monday after.
    expect(nextMondayAtNine(new Date('2026-02-15T18:00:00Z'))).toBe('2026-02-23T09:00');
    // Saturday → the coming Monday.
    expect(nextMondayAtNine(new Date('2026-02-14T03:00:00Z'))).toBe('2026-02-16T09:00');
  });

  it('turns a datetime-local value into an instant with the +07:00 offset', () => {
    expect(localToIsoVietnam('2026-02-16T09:30')).toBe('2026-02-16T09:30:00+07:00');
    expect(localToIsoVietnam('2026-02-16T09:30:15')).toBe('2026-02-16T09:30:15+07:00');
    expect(localToIsoVietnam('16/02/2026 09:30')).toBeNull();
    expect(localToIsoVietnam('')).toBeNull();
  });
});

describe('processing time', () => {
  const vi = translator('vi');
  const en = translator('en');

  it('reads the structured time in the page’s language', () => {
    expect(formatProcessingTime({ kind: 'sameDay' }, null, vi)).toBe('Trong ngày');
    expect(formatProcessingTime({ kind: 'workingDays', value: 5 }, null, vi)).toBe('5 ngày làm việc');
    expect(formatProcessingTime({ kind: 'workingHours', value: 4 }, null, vi)).toBe('4 giờ làm việc');
    expect(formatProcessingTime({ kind: 'workingDays', value: 1 }, null, en)).toBe('1 working day');
    expect(formatProcessingTime({ kind: 'workingDays', value: 3 }, null, en)).toBe('3 working days');
  });

  it('falls back to the free text, then to a dash', () => {
    expect(formatProcessingTime(undefined, 'Theo quy định', vi)).toBe('Theo quy định');
    expect(formatProcessingTime(undefined, null, vi)).toBe('—');
    const odd = { kind: 'calendarDays', value: 3 } as unknown as Parameters<typeof formatProcessingTime>[0];
    expect(formatProcessingTime(odd, '3 ngày', vi)).toBe('3 ngày');
  });
});

describe('catalogue codes', () => {
  it('gives translation keys and colours', () => {
    expect(onlineLevelKey('full')).toBe('onlineLevel.full');
    expect(documentFormKey('certified_copy')).toBe('documentForm.certified_copy');
    expect(onlineLevelColor('full')).toBe('green');
    expect(onlineLevelColor('partial')).toBe('blue');
    expect(onlineLevelColor('counter')).toBe('gray');
  });
});
