import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from './client';
import type { Me, User } from './types';

export const meKey = ['me'] as const;
/** Query keys (first element) whose data belongs to the logged-in staff member. */
const STAFF_ONLY = ['admin', 'dossiers', 'notifications'];

export interface LoginInput {
  username: string;
  password: string;
  /** The second factor (a 6-digit code or a recovery code), once the server asked for it. */
  totp?: string;
}

export const login = (input: LoginInput) =>
  api<{ token: string; user: User }>('/auth/login', { method: 'POST', body: input });
export const logout = () => api<void>('/auth/logout', { method: 'POST' });

/** The logged-in user, or null when nobody is (401). */
export async function getMe(): Promise<Me | null> {
  try {
    return await api<Me>('/me');
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
