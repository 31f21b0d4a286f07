import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, downloadFile } from './client';

export interface Ratio {
  numerator: number;
  denominator: number;
  value: number | null;
}

/** The figures of the processing report (src/domain/statistics/processing.ts). */
export interface ProcessingFigures {
  carriedOver: number;
  received: { total: number; online: number; counter: number; postal: number };
  total: number;
  resolved: { total: number; early: number; onTime: number; late: number };
  inProgress: { total: number; notDue: number; overdue: number; paused: number };
  refused: number;
  withdrawn: number;
  onTimeRate: Ratio;
}

export type GroupBy = 'unit' | 'field' | 'procedure';

export interface ProcessingReport {
  unit: { code: string; name: string };
  from: string;
  to: string;
  descendants: boolean;
  groupBy: GroupBy | null;
  asOf: string;
  totals: ProcessingFigures;
  rows: Array<ProcessingFigures & { key: Record<string, string> }>;
}

export interface ProcessingQuery {
  unit: string;
  from: string;
  to: string;
  descendants: boolean;
  groupBy: GroupBy;
}

const params = (q: ProcessingQuery) => ({ ...q, descendants: q.descendants ? 'true' : 'false' });

export function useProcessingReport(query: ProcessingQuery | null) {
  return useQuery({
    queryKey: ['reports', 'processing', query],
    queryFn: ({ signal }) => api<ProcessingReport>('/reports/processing', { query: params(query!), signal }),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

export function downloadProcessingReport(input: { query: ProcessingQuery; format: 'xlsx' | 'csv' | 'pdf' }) {
  const { query, format } = input;
  return downloadFile(
    '/reports/processing',
    { ...params(query), format },
    `bao-cao-${query.unit}-${query.from}-${query.to}.${format}`,
  );
}

export type SatisfactionLevel = 'very_satisfied' | 'satisfied' | 'neutral' | 'not_satisfied';

export interface PublicPeriodFigures {
  period: 'month' | 'year';
  from: string;
  to: string;
  totals: ProcessingFigures;
  onlineRate: Ratio;
  ratings: Record<SatisfactionLevel, number>;
  satisfactionRate: Ratio;
}

export interface PublicStatistics {
  unit: { code: string; name: string };
  asOf: string;
  periods: PublicPeriodFigures[];
}

/** A unit's public figures (no login): this month and this year. */
export function usePublicStatistics(unitCode: string | undefined) {
  return useQuery({
    queryKey: ['public', 'statistics', unitCode],
    queryFn: ({ signal }) =>
      api<PublicStatistics>(`/public/units/${encodeURIComponent(unitCode ?? '')}/statistics`, { signal }),
    enabled: Boolean(unitCode),
    staleTime: 60_000,
  });
}
