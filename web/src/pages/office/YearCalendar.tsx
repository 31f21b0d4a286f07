import { SimpleGrid, Text } from '@mantine/core';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarDay } from '../../api/calendar';
import { addDays, formatDate, todayInVietnam, weekday } from '../../lib/format';

export interface YearCalendarProps {
  year: number;
  days: CalendarDay[];
  workingWeekdays: number[];
  /** Dates to ring (e.g. the preview's due date). */
  marked?: Record<string, string>;
  onSelect: (date: string) => void;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Working weekdays may be given as 0–6 (Sunday = 0) or ISO 1–7 (Sunday = 7). */
export function isWorkingWeekday(date: string, workingWeekdays: number[]): boolean {
  const dow = weekday(date);
  if (dow === 0) return workingWeekdays.includes(0) || workingWeekdays.includes(7);
  return workingWeekdays.includes(dow);
}

export type DayKind = 'holiday' | 'workday' | 'weekend' | 'normal';

export function dayKind(date: string, special: CalendarDay | undefined, workingWeekdays: number[]): DayKind {
  if (special?.kind === 'holiday') return 'holiday';
  if (special?.kind === 'workday') return 'workday';
  return isWorkingWeekday(date, workingWeekdays) ? 'normal' : 'weekend';
}

function clampToYear(date: string, year: number): string {
  if (date < `${year}-01-01`) return `${year}-01-01`;
  if (date > `${year}-12-31`) return `${year}-12-31`;
  return date;
}

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1 + months, 1));
  const ty = target.getUTCFullYear();
  const tm = target.getUTCMonth() + 1;
  return iso(ty, tm, Math.min(d ?? 1, daysInMonth(ty, tm)));
}

/** Twelve month grids with one tab stop: arrow keys move between days (roving tabindex). */
export function YearCalendar({ year, days, workingWeekdays, marked, onSelect }: YearCalendarProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const today = todayInVietnam();
  const byDate = useMemo(() => new Map(days.map((d) => [d.date, d])), [days]);
  const [focusDate, setFocusDate] = useState(() => (today.startsWith(`${year}-`) ? today : `${year}-01-01`));
  const moveFocus = useRef(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setFocusDate((current) => (current.startsWith(`${year}-`) ? current : clampToYear(today, year)));
  }, [year, today]);

  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    root.current?.querySelector<HTMLButtonElement>(`[data-date="${focusDate}"]`)?.focus();
  }, [focusDate]);

  const weekdayShort = t('calendar.weekdaysShort').split(',');
  const monthFormat = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'vi-VN', {
    month: 'long',
    timeZone: 'UTC',
  });
  const weekdayLong = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'vi-VN', {
    weekday: 'long',
    timeZone: 'UTC',
  });

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, date: string) => {
    const dow = (weekday(date) + 6) % 7; // Monday = 0
    let next: string | null = null;
    switch (event.key) {
      case 'ArrowLeft':
        next = addDays(date, -1);
        break;
      case 'ArrowRight':
        next = addDays(date, 1);
        break;
      case 'ArrowUp':
        next = addDays(date, -7);
        break;
      case 'ArrowDown':
        next = addDays(date, 7);
        break;
      case 'Home':
        next = addDays(date, -dow);
        break;
      case 'End':
        next = addDays(date, 6 - dow);
        break;
      case 'PageUp':
        next = addMonths(date, -1);
        break;
      case 'PageDown':
        next = addMonths(date, 1);
        break;
      default:
        return;
    }
    event.preventDefault();
    moveFocus.current = true;
    setFocusDate(clampToYear(next, year));
  };

  const describeDay = (date: string, kind: DayKind, special: CalendarDay | undefined): string => {
    const dayName = weekdayLong.format(new Date(`${date}T00:00:00Z`));
    const parts = [`${formatDate(date, lang)} (${dayName})`];
    if (kind === 'holiday') parts.push(t('calendar.kindHoliday'));
    if (kind === 'workday') parts.push(t('calendar.kindWorkday'));
    if (kind === 'weekend') parts.push(t('calendar.kindWeekend'));
    if (special?.name) parts.push(special.name);
    if (special?.provisional) parts.push(t('calendar.provisional'));
    if (date === today) parts.push(t('calendar.today'));
    const mark = marked?.[date];
    if (mark) parts.push(mark);
    return parts.join(' — ');
  };

  return (
    <SimpleGrid cols={{ base: 1, xs: 2, lg: 3 }} spacing="md" ref={root} data-testid="year-calendar">
      {Array.from({ length: 12 }, (_, i) => i + 1).map((month) => {
        const first = iso(year, month, 1);
        const lead = (weekday(first) + 6) % 7;
        const count = daysInMonth(year, month);
        const cells: (string | null)[] = [
          ...Array.from({ length: lead }, () => null),
          ...Array.from({ length: count }, (_, d) => iso(year, month, d + 1)),
        ];
        while (cells.length % 7 !== 0) cells.push(null);
        const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
        const monthName = monthFormat.format(new Date(Date.UTC(year, month - 1, 1)));
        return (
          <table key={month} className="cal-month" data-month={month}>
            <caption>
              <Text component="span" fw={600} tt="capitalize">
                {monthName} {year}
              </Text>
            </caption>
            <thead>
              <tr>
                {weekdayShort.map((label, index) => (
                  <th key={label} scope="col">
                    <abbr title={weekdayLong.format(new Date(Date.UTC(2024, 0, 1 + index)))}>{label}</abbr>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeks.map((week) => (
                <tr key={week.find(Boolean) ?? 'empty'}>
                  {week.map((date, index) => {
                    if (!date) {
                      // biome-ignore lint/suspicious/noArrayIndexKey: padding cells have no identity
                      return <td key={`pad-${index}`} />;
                    }
                    const special = byDate.get(date);
                    const kind = dayKind(date, special, workingWeekdays);
                    return (
                      <td key={date}>
                        <button
                          type="button"
                          className="cal-day"
                          data-date={date}
                          data-kind={kind}
                          data-provisional={special?.provisional ? 'true' : undefined}
                          data-today={date === today ? 'true' : undefined}
                          data-marked={marked?.[date] ? 'true' : undefined}
                          tabIndex={date === focusDate ? 0 : -1}
                          aria-label={describeDay(date, kind, special)}
                          title={special?.name || undefined}
                          onFocus={() => setFocusDate(date)}
                          onClick={() => onSelect(date)}
                          onKeyDown={(event) => onKeyDown(event, date)}
                        >
                          {Number(date.slice(8))}
                        </button>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </SimpleGrid>
  );
}
