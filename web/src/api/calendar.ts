import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { CalendarDay, CalendarDayKind, CalendarYear, DueResult } from './types';

export type DurationKind = 'workingDays' | 'workingHours' | 'sameDay';

export interface DueQuery {
  /** ISO 8601 with offset, e.g. 2026-02-16T09:00:00+07:00 */
  from: string;
  kind: DurationKind;
  value: number;
  unit?: string;
}

export const calendarKeys = {
  all: ['calendar'] as const,
  days: (year: number, unit: string | undefined) => ['calendar', 'days', year, unit ?? ''] as const,
  due: (query: DueQuery) => ['calendar', 'due', query] as const,
};

export const getCalendarDays = (year: number, unit: string | undefined, signal?: AbortSignal) =>
  api<CalendarYear>('/calendar/days', { query: { year, unit }, signal });

export const getDue = (query: DueQuery, signal?: AbortSignal) =>
  api<DueResult>('/calendar/due', {
    query: {
      from: query.from,
      unit: query.unit,
      workingDays: query.kind === 'workingDays' ? query.value : undefined,
      workingHours: query.kind === 'workingHours' ? query.value : undefined,
      sameDay: query.kind === 'sameDay' ? 'true' : undefined,
    },
    signal,
  });

export const putCalendarDay = (
  date: string,
  unit: string | undefined,
  body: { kind: CalendarDayKind; name: string },
) => api<CalendarDay>(`/admin/calendar/days/${date}`, { method: 'PUT', query: { unit }, body });

export const deleteCalendarDay = (date: string, unit: string | undefined) =>
  api<void>(`/admin/calendar/days/${date}`, { method: 'DELETE', query: { unit } });

export function useCalendarDays(year: number, unit: string | undefined) {
  return useQuery({
    queryKey: calendarKeys.days(year, unit),
    queryFn: ({ signal }) => getCalendarDays(year, unit, signal),
    placeholderData: keepPreviousData,
  });
}

export function useDue(query: DueQuery | null) {
  return useQuery({
    queryKey: query ? calendarKeys.due(query) : ['calendar', 'due', null],
    queryFn: ({ signal }) => getDue(query as DueQuery, signal),
    enabled: query !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}
