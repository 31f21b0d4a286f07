import { useMutation, useQueryClient } from '@tanstack/react-query';
import { adminKeys } from './admin';
import { meKey } from './auth';
import { api } from './client';

/** A new second-factor secret, shown once: for an authenticator app as QR code, URI and text. */
export interface TotpEnrolment {
  otpauthUri: string;
  qrDataUrl: string;
  secret: string;
}

export const startTotpEnrolment = () => api<TotpEnrolment>('/me/totp/enrol', { method: 'POST' });
export const confirmTotp = (code: string) =>
  api<{ recoveryCodes: string[] }>('/me/totp/confirm', { method: 'POST', body: { code } });
export const disableTotp = (code: string) => api<void>('/me/totp', { method: 'DELETE', body: { code } });
export const resetUserTotp = (userId: string) =>
  api<void>(`/admin/users/${encodeURIComponent(userId)}/totp/reset`, { method: 'POST' });

export function useStartTotpEnrolment() {
  return useMutation({ mutationFn: startTotpEnrolment });
}

/** Confirms with a first code. `me` is refreshed by the page once the recovery codes are put away. */
export function useConfirmTotp() {
  return useMutation({ mutationFn: confirmTotp });
}

export function useDisableTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: disableTotp,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey }),
  });
}

export function useResetUserTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resetUserTotp,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.users }),
  });
}
