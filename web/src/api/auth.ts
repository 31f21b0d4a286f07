import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { identityContract } from '../../../src/contracts/identity';
import type { InputOf, OutputOf } from '../../../src/contracts/operation';
import type { Role as DomainRole } from '../../../src/domain/access';
import { ApiError } from './client';
import { endpoint } from './endpoint';

type Contract = typeof identityContract;
export type Role = DomainRole;
/** The signed-in user as GET /me answers: roles per unit, and what the server lets them do. */
export type Me = OutputOf<Contract['me']>;
/** What the server decides the user may do (menus, buttons): `Me['capabilities']`. */
export type Capability = Me['capabilities'][number];
/** A user as registration answers it. */
export type User = OutputOf<Contract['register']>;
export type LoginInput = InputOf<Contract['login']> extends { body: infer B } ? B : never;

/** Logging in and out, and the signed-in user, typed by the identity contract. */
export const authApi = {
  login: endpoint<Contract['login']>('POST /auth/login'),
  logout: endpoint<Contract['logout']>('POST /auth/logout'),
  me: endpoint<Contract['me']>('GET /me'),
};

export const meKey = ['me'] as const;
/** Query keys (first element) whose data belongs to the logged-in staff member. */
const STAFF_ONLY = ['admin', 'dossiers', 'notifications'];

export const login = (input: LoginInput) => authApi.login({ body: input });
export const logout = () => authApi.logout();

/** The logged-in user, or null when nobody is (401). */
export async function getMe(): Promise<Me | null> {
  try {
    return await authApi.me();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: getMe, staleTime: 60_000, retry: false });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: async () => {
      // A counter PC is shared: nothing the previous user could see stays in the cache.
      queryClient.removeQueries({ predicate: (q) => STAFF_ONLY.includes(String(q.queryKey[0])) });
      // The session cookie is httpOnly; the token in the body is not kept in the browser.
      await queryClient.invalidateQueries({ queryKey: meKey });
    },
  });
}

/** Ends the session, then forgets the user and every staff-only query. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      queryClient.setQueryData(meKey, null);
      queryClient.removeQueries({ predicate: (q) => STAFF_ONLY.includes(String(q.queryKey[0])) });
    },
  });
}
