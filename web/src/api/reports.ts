import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { InputOf, OutputOf } from '../../../src/contracts/operation';
import type { statisticsContract, tableReportOperations } from '../../../src/contracts/statistics';
import type { TableGroupBy, TableReportKind } from '../../../src/domain/statistics/table-reports';
import { downloadFile } from './client';
import { endpoint } from './endpoint';

type Contract = typeof statisticsContract;
type TableOperation = (typeof tableReportOperations)[TableReportKind];

/** The statistics context's operations, typed by its contract. */
export const statisticsApi = {
  processing: endpoint<Contract['processing']>('GET /reports/processing'),
  publicStatistics: endpoint<Contract['publicStatistics']>('GET /public/units/:code/statistics'),
  dashboard: endpoint<Contract['dashboard']>('GET /reports/dashboard'),
  drill: endpoint<Contract['drill']>('GET /reports/processing/dossiers'),
  index: endpoint<Contract['index']>('GET /reports/index'),
  recordIndexInput: endpoint<Contract['recordIndexInput']>('PUT /reports/index/inputs'),
  /** `GET /reports/{kind}`: every table report has the same answer and scope query. */
  table: (kind: TableReportKind) => endpoint<TableOperation>(`GET /reports/${kind}`),
};

export type ProcessingReport = OutputOf<Contract['processing']>;
/** The figures of the processing report (src/domain/statistics/processing.ts). */
export type ProcessingFigures = ProcessingReport['totals'];
export type Ratio = ProcessingFigures['onTimeRate'];
export type GroupBy = NonNullable<ProcessingReport['groupBy']>;

export interface ProcessingQuery {
  unit: string;
  from: string;
  to: string;
  descendants: boolean;
  groupBy: GroupBy;
}

const params = (q: ProcessingQuery) => ({ ...q, descendants: q.descendants ? 'true' : 'false' }) as const;

export function useProcessingReport(query: ProcessingQuery | null) {
  return useQuery({
    queryKey: ['reports', 'processing', query],
    queryFn: ({ signal }) => statisticsApi.processing({ query: params(query!) }, { signal }),
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

export type PublicStatistics = OutputOf<Contract['publicStatistics']>;
export type PublicPeriodFigures = PublicStatistics['periods'][number];
export type SatisfactionLevel = keyof PublicPeriodFigures['ratings'];

/** A unit's public figures (no login): this month and this year. */
export function usePublicStatistics(unitCode: string | undefined) {
  return useQuery({
    queryKey: ['public', 'statistics', unitCode],
    queryFn: ({ signal }) => statisticsApi.publicStatistics({ params: { code: unitCode ?? '' } }, { signal }),
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

export type Dashboard = OutputOf<Contract['dashboard']>;
export type DashboardMonth = Dashboard['months'][number];

const scopeParams = (q: DashboardQuery) => ({ ...q, descendants: q.descendants ? 'true' : 'false' }) as const;

export function useDashboard(query: DashboardQuery | null) {
  return useQuery({
    queryKey: ['reports', 'dashboard', query],
    queryFn: ({ signal }) => statisticsApi.dashboard({ query: scopeParams(query!) }, { signal }),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

/** Figures a leader can open as the list of dossiers behind them. */
export type DrillCategory = NonNullable<InputOf<Contract['drill']>['query']>['category'];

export interface DrillQuery extends DashboardQuery {
  category: DrillCategory;
  unitCode?: string;
}

export type DrillItem = OutputOf<Contract['drill']>['items'][number];

const drillParams = (q: DrillQuery) => ({
  ...scopeParams(q),
  category: q.category,
  ...(q.unitCode ? { unitCode: q.unitCode } : {}),
});

export function useDrillDown(query: DrillQuery | null, page: number, pageSize = 20) {
  return useQuery({
    queryKey: ['reports', 'drill', query, page],
    queryFn: ({ signal }) =>
      statisticsApi.drill(
        { query: { ...drillParams(query!), limit: pageSize, offset: (page - 1) * pageSize } },
        { signal },
      ),
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

export type ServiceIndex = OutputOf<Contract['index']>;
export type IndexIndicator = ServiceIndex['groups'][number]['indicators'][number];

export function useServiceIndex(query: { unit: string; from: string; to: string } | null) {
  return useQuery({
    queryKey: ['reports', 'index', query],
    queryFn: ({ signal }) => statisticsApi.index({ query: query! }, { signal }),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

export function recordIndexInput(body: InputOf<Contract['recordIndexInput']>['body']) {
  return statisticsApi.recordIndexInput({ body });
}

/** The reports besides form 06 (server: src/domain/statistics/table-reports.ts). */
export type TableReport = OutputOf<TableOperation>;

export interface TableReportQuery extends DashboardQuery {
  groupBy: TableGroupBy;
}

export function useTableReport(kind: TableReportKind, query: TableReportQuery | null) {
  return useQuery({
    queryKey: ['reports', 'table', kind, query],
    queryFn: ({ signal }) =>
      statisticsApi.table(kind)({ query: { ...scopeParams(query!), groupBy: query!.groupBy } }, { signal }),
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
