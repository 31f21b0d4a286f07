import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InputOf, OutputOf } from '../../../src/contracts/operation';
import type { paymentsContract } from '../../../src/contracts/payments';
import { downloadFile } from './client';
import { endpoint } from './endpoint';

type Contract = typeof paymentsContract;

/** The payments context's operations, typed by its contract. */
export const paymentsApi = {
  start: endpoint<Contract['start']>('POST /payments'),
  ofApplication: endpoint<Contract['ofApplication']>('GET /payments'),
  reconciliation: endpoint<Contract['reconciliation']>('GET /payments/reconciliation'),
  get: endpoint<Contract['get']>('GET /payments/:id'),
  refund: endpoint<Contract['refund']>('POST /payments/:id/refund'),
  recordAtCounter: endpoint<Contract['recordAtCounter']>('POST /dossiers/:code/payments'),
  ofDossier: endpoint<Contract['ofDossier']>('GET /dossiers/:code/payments'),
};

export type Payment = OutputOf<Contract['get']>;
export type PaymentMethod = Payment['method'];
export type PaymentState = Payment['state'];
export type FeeItem = Payment['items'][number];
export type DossierPayments = OutputOf<Contract['ofDossier']>;
export type StartedPayment = OutputOf<Contract['start']>;
export type Reconciliation = OutputOf<Contract['reconciliation']>;
export type CounterPaymentInput = InputOf<Contract['recordAtCounter']>['body'];

export const paymentKeys = {
  all: ['payments'] as const,
  dossier: (code: string) => ['payments', 'dossier', code] as const,
  one: (id: string) => ['payments', 'one', id] as const,
  reconciliation: (unitCode: string, date: string) => ['payments', 'reconciliation', unitCode, date] as const,
};

/** The e-receipt PDF (opened in a new tab with the session cookie). */
export function receiptUrl(paymentId: string): string {
  return `/api/v1/payments/${encodeURIComponent(paymentId)}/receipt.pdf`;
}

export function useDossierPayments(code: string) {
  return useQuery({
    queryKey: paymentKeys.dossier(code),
    queryFn: ({ signal }) => paymentsApi.ofDossier({ params: { code } }, { signal }),
  });
}

export function useRecordCounterPayment(code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CounterPaymentInput) =>
      paymentsApi.recordAtCounter({ params: { code }, body: input }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: paymentKeys.all }),
  });
}

export function useRefundPayment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      paymentsApi.refund({ params: { id }, body: { reason } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: paymentKeys.all }),
  });
}

/** A payment's state (the application page polls it after the gateway's return). */
export function usePayment(id: string, options: { poll?: boolean } = {}) {
  return useQuery({
    queryKey: paymentKeys.one(id),
    queryFn: ({ signal }) => paymentsApi.get({ params: { id } }, { signal }),
    refetchInterval: (query) => (options.poll && query.state.data?.state === 'pending' ? 2000 : false),
  });
}

/** Citizen: start paying an online application; send the browser to `redirectUrl`. */
export function useStartPayment() {
  return useMutation({
    mutationFn: (input: InputOf<Contract['start']>['body']) => paymentsApi.start({ body: input }),
  });
}

export function useReconciliation(unitCode: string, date: string) {
  return useQuery({
    queryKey: paymentKeys.reconciliation(unitCode, date),
    queryFn: ({ signal }) => paymentsApi.reconciliation({ query: { unitCode, date } }, { signal }),
    enabled: Boolean(unitCode && date),
  });
}

export function downloadReconciliation(input: { unitCode: string; date: string }): Promise<string> {
  return downloadFile(
    '/payments/reconciliation.xlsx',
    input,
    `doi-soat-${input.unitCode}-${input.date}.xlsx`,
  );
}
