import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  ColumnSpec,
  Figures,
  TableGroupBy,
  TableReportKind,
} from '../../../src/domain/statistics/table-reports';
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

export interface DashboardQuery {
  unit: string;
  from: string;
  to: string;
  descendants: boolean;
}

export interface DashboardMonth {
  month: string;
  received: ProcessingFigures['received'];
  resolved: ProcessingFigures['resolved'];
  overdueAtEnd: number;
  onlineRate: Ratio;
}

export interface Dashboard {
  unit: { code: string; name: string };
  from: string;
  to: string;
  asOf: string;
  totals: ProcessingFigures;
  onlineRate: Ratio;
  cashlessRate: Ratio;
  satisfaction: { rate: Ratio; levels: Record<SatisfactionLevel, number> };
  months: DashboardMonth[];
  byUnit: Array<ProcessingFigures & { unitCode: string; unitName: string }>;
  overdueByStep: Array<{ step: string; count: number }>;
}

const scopeParams = (q: DashboardQuery) => ({ ...q, descendants: q.descendants ? 'true' : 'false' });

export function useDashboard(query: DashboardQuery | null) {
  return useQuery({
    queryKey: ['reports', 'dashboard', query],
    queryFn: ({ signal }) => api<Dashboard>('/reports/dashboard', { query: scopeParams(query!), signal }),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

/** Figures a leader can open as the list of dossiers behind them (server: DRILL_CATEGORIES). */
export type DrillCategory =
  | 'carriedOver'
  | 'received'
  | 'received.online'
  | 'received.counter'
  | 'received.postal'
  | 'resolved'
  | 'resolved.early'
  | 'resolved.onTime'
  | 'resolved.late'
  | 'refused'
  | 'withdrawn'
  | 'inProgress'
  | 'inProgress.notDue'
  | 'inProgress.overdue'
  | 'inProgress.paused';

export interface DrillQuery extends DashboardQuery {
  category: DrillCategory;
  unitCode?: string;
}

export interface DrillItem {
  code: string;
  procedureCode: string;
  procedureName: string;
  unitCode: string;
  unitName: string;
  channel: string;
  status: string;
  step: string | null;
  assigneeName: string | null;
  receivedAt: string;
  dueAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
}

const drillParams = (q: DrillQuery) => ({
  ...scopeParams(q),
  category: q.category,
  ...(q.unitCode ? { unitCode: q.unitCode } : {}),
});

export function useDrillDown(query: DrillQuery | null, page: number, pageSize = 20) {
  return useQuery({
    queryKey: ['reports', 'drill', query, page],
    queryFn: ({ signal }) =>
      api<{ total: number; items: DrillItem[] }>('/reports/processing/dossiers', {
        query: { ...drillParams(query!), limit: pageSize, offset: (page - 1) * pageSize },
        signal,
      }),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

export function downloadDrillDown(query: DrillQuery) {
  return downloadFile(
    '/reports/processing/dossiers',
    { ...drillParams(query), format: 'xlsx' },
    `ho-so-${query.category}-${query.unit}-${query.from}-${query.to}.xlsx`,
  );
}

export interface IndexIndicator {
  code: string;
  group: string;
  name: string;
  formula: string;
  maxPoints: number;
  target: number;
  input: 'system' | 'manual';
  ratio: Ratio | null;
  points: number | null;
  status: 'scored' | 'no_data' | 'manual_missing';
  recorded: { by: string; at: string; note: string | null } | null;
}

export interface ServiceIndex {
  unit: { code: string; name: string };
  from: string;
  to: string;
  asOf: string;
  rules: { effectiveFrom: string; source: string };
  groups: Array<{
    group: string;
    name: string;
    maxPoints: number;
    points: number;
    scoredMaxPoints: number;
    indicators: IndexIndicator[];
  }>;
  total: { points: number; maxPoints: number; scoredMaxPoints: number };
}

export function useServiceIndex(query: { unit: string; from: string; to: string } | null) {
  return useQuery({
    queryKey: ['reports', 'index', query],
    queryFn: ({ signal }) => api<ServiceIndex>('/reports/index', { query: query!, signal }),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

export function recordIndexInput(body: {
  unit: string;
  from: string;
  to: string;
  indicator: string;
  numerator: number;
  denominator: number;
  note: string;
}) {
  return api<void>('/reports/index/inputs', { method: 'PUT', body });
}

/** The reports besides form 06 (server: src/domain/statistics/table-reports.ts). */
export interface TableReport {
  kind: TableReportKind;
  title: string;
  unit: { code: string; name: string };
  from: string;
  to: string;
  descendants: boolean;
  groupBy: TableGroupBy;
  asOf: string;
  columns: ColumnSpec[];
  totals: Figures;
  rows: Array<{ key: { code: string; name: string }; figures: Figures }>;
}

export interface TableReportQuery extends DashboardQuery {
  groupBy: TableGroupBy;
}

export function useTableReport(kind: TableReportKind, query: TableReportQuery | null) {
  return useQuery({
    queryKey: ['reports', 'table', kind, query],
    queryFn: ({ signal }) =>
      api<TableReport>(`/reports/${kind}`, {
        query: { ...scopeParams(query!), groupBy: query!.groupBy },
        signal,
      }),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

export function downloadTableReport(input: {
  kind: TableReportKind;
  query: TableReportQuery;
  format: 'xlsx' | 'csv';
}) {
  const { kind, query, format } = input;
  return downloadFile(
    `/reports/${kind}`,
    { ...scopeParams(query), groupBy: query.groupBy, format },
    `bao-cao-${kind}-${query.unit}-${query.from}-${query.to}.${format}`,
  );
}
