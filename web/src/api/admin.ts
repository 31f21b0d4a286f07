import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type {
  AdminProcedureSummary,
  AdminUser,
  NewUserInput,
  Page,
  ProcedureAmendment,
  ProcedureDetail,
  ProcedureInput,
  UserPatch,
} from './types';

export interface AdminProcedureQuery {
  q?: string;
  status?: 'active' | 'retired' | 'all';
  page?: number;
}

export const adminKeys = {
  all: ['admin'] as const,
  procedures: (query: AdminProcedureQuery) => ['admin', 'procedures', query] as const,
  users: ['admin', 'users'] as const,
};

export const listAdminProcedures = (query: AdminProcedureQuery, signal?: AbortSignal) =>
  api<Page<AdminProcedureSummary>>('/admin/procedures', { query: { ...query }, signal });
export const createProcedure = (input: ProcedureInput) =>
  api<ProcedureDetail>('/admin/procedures', { method: 'POST', body: input });
export const amendProcedure = (code: string, input: ProcedureAmendment) =>
  api<ProcedureDetail>(`/admin/procedures/${encodeURIComponent(code)}`, { method: 'PUT', body: input });
export const retireProcedure = (code: string) =>
  api<ProcedureDetail>(`/admin/procedures/${encodeURIComponent(code)}/retire`, { method: 'POST' });

export const listUsers = () => api<{ items: AdminUser[] }>('/admin/users');
export const createUser = (input: NewUserInput) =>
  api<AdminUser>('/admin/users', { method: 'POST', body: input });
export const updateUser = (id: string, patch: UserPatch) =>
  api<AdminUser>(`/admin/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch });

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
