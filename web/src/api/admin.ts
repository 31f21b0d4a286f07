import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { catalogContract } from '../../../src/contracts/catalog';
import type { identityContract } from '../../../src/contracts/identity';
import type { InputOf, OutputOf } from '../../../src/contracts/operation';
import { endpoint } from './endpoint';

type Catalog = typeof catalogContract;
type Identity = typeof identityContract;
type BodyOf<O> = InputOf<O> extends { body?: infer B } ? NonNullable<B> : never;

export type AdminUser = OutputOf<Identity['users']>['items'][number];
export type NewUserInput = BodyOf<Identity['createUser']>;
export type UserPatch = BodyOf<Identity['updateUser']>;
export type AdminProcedureSummary = OutputOf<Catalog['adminList']>['items'][number];
export type ProcedureInput = BodyOf<Catalog['create']>;
export type ProcedureAmendment = BodyOf<Catalog['amend']>;
export type AdminProcedureQuery = NonNullable<InputOf<Catalog['adminList']>['query']>;

/** Administration of the catalogue and of staff accounts, typed by the catalog and identity contracts. */
export const adminApi = {
  procedures: endpoint<Catalog['adminList']>('GET /admin/procedures'),
  createProcedure: endpoint<Catalog['create']>('POST /admin/procedures'),
  amendProcedure: endpoint<Catalog['amend']>('PUT /admin/procedures/:code'),
  retireProcedure: endpoint<Catalog['retire']>('POST /admin/procedures/:code/retire'),
  users: endpoint<Identity['users']>('GET /admin/users'),
  createUser: endpoint<Identity['createUser']>('POST /admin/users'),
  updateUser: endpoint<Identity['updateUser']>('PATCH /admin/users/:id'),
};

export const adminKeys = {
  all: ['admin'] as const,
  procedures: (query: AdminProcedureQuery) => ['admin', 'procedures', query] as const,
  users: ['admin', 'users'] as const,
};

export const listAdminProcedures = (query: AdminProcedureQuery, signal?: AbortSignal) =>
  adminApi.procedures({ query: { ...query } }, { signal });
export const createProcedure = (input: ProcedureInput) => adminApi.createProcedure({ body: input });
export const amendProcedure = (code: string, input: ProcedureAmendment) =>
  adminApi.amendProcedure({ params: { code }, body: input });
export const retireProcedure = (code: string) => adminApi.retireProcedure({ params: { code } });

export const listUsers = () => adminApi.users();
export const createUser = (input: NewUserInput) => adminApi.createUser({ body: input });
export const updateUser = (id: string, patch: UserPatch) =>
  adminApi.updateUser({ params: { id }, body: patch });

export function useAdminProcedures(query: AdminProcedureQuery) {
  return useQuery({
    queryKey: adminKeys.procedures(query),
    queryFn: ({ signal }) => listAdminProcedures(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAdminUsers() {
  return useQuery({ queryKey: adminKeys.users, queryFn: listUsers, select: (d) => d.items });
}
