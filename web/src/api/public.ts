import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Field, Page, ProcedureDetail, ProcedureSummary, Unit } from './types';

export interface CatalogQuery {
  q?: string;
  field?: string;
  unit?: string;
  level?: string;
  page?: number;
  pageSize?: number;
}

export const publicKeys = {
  fields: ['public', 'fields'] as const,
  units: ['public', 'units'] as const,
  procedures: (query: CatalogQuery) => ['public', 'procedures', query] as const,
  procedure: (code: string) => ['public', 'procedure', code] as const,
};

export const getFields = () => api<{ items: Field[] }>('/public/fields');
export const getUnits = () => api<{ items: Unit[] }>('/public/units');
export const searchProcedures = (query: CatalogQuery, signal?: AbortSignal) =>
  api<Page<ProcedureSummary>>('/public/procedures', {
    query: { pageSize: 20, ...query },
    signal,
  });
export const getProcedure = (code: string, signal?: AbortSignal) =>
  api<ProcedureDetail>(`/public/procedures/${encodeURIComponent(code)}`, { signal });

const LONG = 5 * 60 * 1000;

export function useFields() {
  return useQuery({
    queryKey: publicKeys.fields,
    queryFn: getFields,
    staleTime: LONG,
    select: (d) => d.items,
  });
}

export function useUnits() {
  return useQuery({ queryKey: publicKeys.units, queryFn: getUnits, staleTime: LONG, select: (d) => d.items });
}

export function useProcedureSearch(query: CatalogQuery) {
  return useQuery({
    queryKey: publicKeys.procedures(query),
    queryFn: ({ signal }) => searchProcedures(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useProcedure(code: string | undefined) {
  return useQuery({
    queryKey: publicKeys.procedure(code ?? ''),
    queryFn: ({ signal }) => getProcedure(code ?? '', signal),
    enabled: Boolean(code),
  });
}
