import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { calendarContract } from '../../../src/contracts/calendar';
import type { OutputOf } from '../../../src/contracts/operation';
import { endpoint } from './endpoint';

type Contract = typeof calendarContract;
export type CalendarYear = OutputOf<Contract['days']>;
export type CalendarDay = CalendarYear['days'][number];
export type CalendarDayKind = CalendarDay['kind'];
export type DueResult = OutputOf<Contract['due']>;

/** The calendar context's operations, typed by its contract. */
export const calendarApi = {
  due: endpoint<Contract['due']>('GET /calendar/due'),
  days: endpoint<Contract['days']>('GET /calendar/days'),
  putDay: endpoint<Contract['putDay']>('PUT /admin/calendar/days/:date'),
  deleteDay: endpoint<Contract['deleteDay']>('DELETE /admin/calendar/days/:date'),
};

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
  calendarApi.days({ query: { year, unit } }, { signal });

export const getDue = (query: DueQuery, signal?: AbortSignal) =>
  calendarApi.due(
    {
      query: {
        from: query.from,
        unit: query.unit,
        workingDays: query.kind === 'workingDays' ? String(query.value) : undefined,
        workingHours: query.kind === 'workingHours' ? String(query.value) : undefined,
        sameDay: query.kind === 'sameDay' ? 'true' : undefined,
      },
    },
    { signal },
  );

export const putCalendarDay = (
  date: string,
  unit: string | undefined,
  body: { kind: CalendarDayKind; name: string },
) => calendarApi.putDay({ params: { date }, query: { unit }, body });

export const deleteCalendarDay = (date: string, unit: string | undefined) =>
  calendarApi.deleteDay({ params: { date }, query: { unit } });

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
