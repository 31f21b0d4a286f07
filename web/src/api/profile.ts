import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { User } from './types';

/** Applicant details a citizen saves once and finds prefilled on every form. */
export interface ProfileApplicant {
  fullName: string;
  idNumber?: string;
  phone?: string;
  email?: string;
  address?: string;
}

export type ProfileLocale = 'vi' | 'en';

export interface Profile {
  applicant: ProfileApplicant;
  zaloOptIn: boolean;
  zaloPhone: string | null;
  locale: ProfileLocale;
  account: { username: string; phone: string | null; email: string | null; verified: boolean };
}

export interface ProfileInput {
  applicant: ProfileApplicant;
  zaloOptIn: boolean;
  zaloPhone?: string;
  locale: ProfileLocale;
}

export interface RegisterInput {
  fullName: string;
  phone?: string;
  email?: string;
  password: string;
}

export const profileKey = ['me', 'profile'] as const;
export const oidcConfigKey = ['oidc', 'config'] as const;

export const getProfile = () => api<Profile>('/me/profile');
export const saveProfile = (input: ProfileInput) =>
  api<Profile>('/me/profile', { method: 'PUT', body: input });

/** Creates an unconfirmed citizen account; a six-digit code goes to the phone or e-mail. */
export const registerCitizen = (input: RegisterInput) =>
  api<User>('/auth/register', { method: 'POST', body: input });
/** Confirms the account with the code (204: the account can log in). */
export const verifyAccount = (input: { username: string; code: string }) =>
  api<void>('/auth/verify', { method: 'POST', body: input });
/** Sends another confirmation code (at most one a minute; always 202). */
export const resendCode = (username: string) =>
  api<void>('/auth/verify/resend', { method: 'POST', body: { username } });
/** Sends a password-reset code if the account exists (always 202). */
export const requestPasswordReset = (username: string) =>
  api<void>('/auth/password-reset', { method: 'POST', body: { username } });
export const confirmPasswordReset = (input: { username: string; code: string; password: string }) =>
  api<void>('/auth/password-reset/confirm', { method: 'POST', body: input });

export const getOidcConfig = () => api<{ enabled: boolean; name: string }>('/auth/oidc/config');
/** A full-page navigation: the server answers with a redirect to the provider. */
export const OIDC_LOGIN_URL = '/api/v1/auth/oidc/login';

/** A phone number as the server stores it (no spaces, 0 instead of +84); e-mail addresses lower-cased. */
export function accountName(value: string): string {
  const trimmed = value.trim();
  if (trimmed.includes('@')) return trimmed.toLowerCase();
  if (/^[+\d][\d\s.-]*$/.test(trimmed)) {
    const digits = trimmed.replace(/[\s.-]/g, '');
    return digits.startsWith('+84') ? `0${digits.slice(3)}` : digits;
  }
  return trimmed.toLowerCase();
}

/** Keyed by the user: on a shared computer one citizen never sees the previous one's cached details. */
export function useProfile(userId: string | undefined) {
  return useQuery({
    queryKey: [...profileKey, userId],
    queryFn: getProfile,
    enabled: Boolean(userId),
    retry: false,
  });
}

export function useSaveProfile(userId: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveProfile,
    onSuccess: (data) => queryClient.setQueryData([...profileKey, userId], data),
  });
}

export function useOidcConfig() {
  return useQuery({ queryKey: oidcConfigKey, queryFn: getOidcConfig, staleTime: 5 * 60_000, retry: false });
}
