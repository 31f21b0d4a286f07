import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { identityContract } from '../../../src/contracts/identity';
import type { InputOf, OutputOf } from '../../../src/contracts/operation';
import { api } from './client';
import { endpoint } from './endpoint';

type Contract = typeof identityContract;
type BodyOf<O> = InputOf<O> extends { body?: infer B } ? NonNullable<B> : never;

/** The citizen's profile as the server answers it. */
export type Profile = OutputOf<Contract['profile']>;
/** Applicant details a citizen saves once and finds prefilled on every form. */
export type ProfileApplicant = Profile['applicant'];
export type ProfileLocale = Profile['locale'];
export type ProfileInput = BodyOf<Contract['saveProfile']>;
export type RegisterInput = BodyOf<Contract['register']>;

/** The citizen's own account: profile, registration, confirmation, password reset. */
export const profileApi = {
  get: endpoint<Contract['profile']>('GET /me/profile'),
  save: endpoint<Contract['saveProfile']>('PUT /me/profile'),
  register: endpoint<Contract['register']>('POST /auth/register'),
  verify: endpoint<Contract['verify']>('POST /auth/verify'),
  resend: endpoint<Contract['resendVerification']>('POST /auth/verify/resend'),
  requestReset: endpoint<Contract['requestPasswordReset']>('POST /auth/password-reset'),
  confirmReset: endpoint<Contract['confirmPasswordReset']>('POST /auth/password-reset/confirm'),
};

export const profileKey = ['me', 'profile'] as const;
export const oidcConfigKey = ['oidc', 'config'] as const;

export const getProfile = () => profileApi.get();
export const saveProfile = (input: ProfileInput) => profileApi.save({ body: input });

/** Creates an unconfirmed citizen account; a six-digit code goes to the phone or e-mail. */
export const registerCitizen = (input: RegisterInput) => profileApi.register({ body: input });
/** Confirms the account with the code (204: the account can log in). */
export const verifyAccount = (input: { username: string; code: string }) =>
  profileApi.verify({ body: input });
/** Sends another confirmation code (at most one a minute; always 202). */
export const resendCode = (username: string) => profileApi.resend({ body: { username } });
/** Sends a password-reset code if the account exists (always 202). */
export const requestPasswordReset = (username: string) => profileApi.requestReset({ body: { username } });
export const confirmPasswordReset = (input: { username: string; code: string; password: string }) =>
  profileApi.confirmReset({ body: input });

// The OIDC configuration belongs to the oidc contract; until that contract exists it is typed here by hand.
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
