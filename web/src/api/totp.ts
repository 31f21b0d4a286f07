import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { identityContract } from '../../../src/contracts/identity';
import type { OutputOf } from '../../../src/contracts/operation';
import { adminKeys } from './admin';
import { meKey } from './auth';
import { endpoint } from './endpoint';

type Contract = typeof identityContract;
/** A new second-factor secret, shown once: for an authenticator app as QR code, URI and text. */
export type TotpEnrolment = OutputOf<Contract['startTotp']>;

/** The staff second factor, typed by the identity contract. */
export const totpApi = {
  start: endpoint<Contract['startTotp']>('POST /me/totp/enrol'),
  confirm: endpoint<Contract['confirmTotp']>('POST /me/totp/confirm'),
  disable: endpoint<Contract['disableTotp']>('DELETE /me/totp'),
  reset: endpoint<Contract['resetTotp']>('POST /admin/users/:id/totp/reset'),
};

export const startTotpEnrolment = () => totpApi.start();
export const confirmTotp = (code: string) => totpApi.confirm({ body: { code } });
export const disableTotp = (code: string) => totpApi.disable({ body: { code } });
export const resetUserTotp = (userId: string) => totpApi.reset({ params: { id: userId } });

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
