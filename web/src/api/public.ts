import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { accessContract } from '../../../src/contracts/access';
import type { catalogContract } from '../../../src/contracts/catalog';
import type { InputOf, OutputOf } from '../../../src/contracts/operation';
import type { DOCUMENT_FORMS, UnitLevel as DomainUnitLevel } from '../../../src/domain/catalog/procedure';
import { endpoint } from './endpoint';

type Catalog = typeof catalogContract;
type Access = typeof accessContract;

export type Field = OutputOf<Catalog['fields']>['items'][number];
export type Unit = OutputOf<Access['units']>['items'][number];
export type UnitLevel = DomainUnitLevel;
export type ProcedurePage = OutputOf<Catalog['search']>;
export type ProcedureSummary = ProcedurePage['items'][number];
export type ProcedureDetail = OutputOf<Catalog['procedure']>;
export type ProcedureVersion = ProcedureDetail['versions'][number];
export type ProcedureDocument = ProcedureDetail['documents'][number];
export type ProcessingTime = ProcedureSummary['processingTime'];
export type ProcessingTimeKind = ProcessingTime['kind'];
export type OnlineLevel = ProcedureSummary['onlineLevel'];
export type ProcedureStatus = ProcedureSummary['status'];
export type DocumentForm = (typeof DOCUMENT_FORMS)[number];

/** Every unit level, in order (checked against the domain's list by `tsc`). */
const LEVELS = { province: 0, district: 1, commune: 2, agency: 3 } satisfies Record<UnitLevel, number>;
export const UNIT_LEVELS = Object.keys(LEVELS) as UnitLevel[];

/** The public catalogue and the units, typed by the catalog and access contracts. */
export const publicApi = {
  fields: endpoint<Catalog['fields']>('GET /public/fields'),
  units: endpoint<Access['units']>('GET /public/units'),
  procedures: endpoint<Catalog['search']>('GET /public/procedures'),
  procedure: endpoint<Catalog['procedure']>('GET /public/procedures/:code'),
};

export type CatalogQuery = NonNullable<InputOf<Catalog['search']>['query']>;

export const publicKeys = {
  fields: ['public', 'fields'] as const,
  units: ['public', 'units'] as const,
  procedures: (query: CatalogQuery) => ['public', 'procedures', query] as const,
  procedure: (code: string) => ['public', 'procedure', code] as const,
};

export const getFields = () => publicApi.fields();
export const getUnits = () => publicApi.units();
export const searchProcedures = (query: CatalogQuery, signal?: AbortSignal) =>
  publicApi.procedures({ query: { pageSize: 20, ...query } }, { signal });
export const getProcedure = (code: string, signal?: AbortSignal) =>
  publicApi.procedure({ params: { code } }, { signal });

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
