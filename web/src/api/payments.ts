import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, downloadFile } from './client';

export type PaymentMethod = 'gateway' | 'vietqr' | 'cash';
export type PaymentState = 'pending' | 'paid' | 'failed' | 'refunded';

export interface FeeItem {
  label: string;
  amount: number;
}

export interface Payment {
  id: string;
  reference: string;
  state: PaymentState;
  method: PaymentMethod;
  amount: number;
  items: FeeItem[];
  applicationId: string | null;
  dossierId: string | null;
  dossierCode: string | null;
  receiptNumber: string | null;
  gatewayTransactionNo: string | null;
  bankCode: string | null;
  payerName: string | null;
  createdAt: string;
  paidAt: string | null;
  updatedAt: string;
}

export interface DossierPayments {
  dossierCode: string;
  items: FeeItem[];
  total: number;
  paid: number;
  owed: number;
  payments: Payment[];
  vietQr: {
    payload: string;
    dataUrl: string;
    amount: number;
    purpose: string;
    bankBin: string;
    accountNumber: string;
    accountName: string;
  } | null;
}

export interface StartedPayment {
  paymentId: string;
  reference: string;
  amount: number;
  items: FeeItem[];
  redirectUrl: string;
}

export interface Reconciliation {
  unitCode: string;
  unitName: string;
  date: string;
  summary: { method: PaymentMethod; state: PaymentState; count: number; amount: number }[];
  rows: {
    id: string;
    reference: string;
    receiptNumber: string | null;
    dossierCode: string | null;
    amount: number;
    method: PaymentMethod;
    state: PaymentState;
    gatewayTransactionNo: string | null;
    paidAt: string;
  }[];
  totals: {
    count: number;
    collectedCount: number;
    collectedAmount: number;
    refundedAmount: number;
    netAmount: number;
    byMethod: Record<PaymentMethod, number>;
  };
  mismatches: {
    kind: 'pending_too_long' | 'paid_without_dossier';
    paymentId: string;
    reference: string;
    amount: number;
    method: PaymentMethod;
    createdAt: string;
    message: string;
  }[];
}

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
    queryFn: ({ signal }) =>
      api<DossierPayments>(`/dossiers/${encodeURIComponent(code)}/payments`, { signal }),
  });
}

export function useRecordCounterPayment(code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { method: 'cash' | 'vietqr'; payerName?: string }) =>
      api<Payment>(`/dossiers/${encodeURIComponent(code)}/payments`, { method: 'POST', body: input }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: paymentKeys.all }),
  });
}

export function useRefundPayment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api<Payment>(`/payments/${encodeURIComponent(id)}/refund`, { method: 'POST', body: { reason } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: paymentKeys.all }),
  });
}

/** A payment's state (the application page polls it after the gateway's return). */
export function usePayment(id: string, options: { poll?: boolean } = {}) {
  return useQuery({
    queryKey: paymentKeys.one(id),
    queryFn: ({ signal }) => api<Payment>(`/payments/${encodeURIComponent(id)}`, { signal }),
    refetchInterval: (query) => (options.poll && query.state.data?.state === 'pending' ? 2000 : false),
  });
}

/** Citizen: start paying an online application; send the browser to `redirectUrl`. */
export function useStartPayment() {
  return useMutation({
    mutationFn: (input: { applicationId: string; locale?: 'vn' | 'en' }) =>
      api<StartedPayment>('/payments', { method: 'POST', body: input }),
  });
}

export function useReconciliation(unitCode: string, date: string) {
  return useQuery({
    queryKey: paymentKeys.reconciliation(unitCode, date),
    queryFn: ({ signal }) =>
      api<Reconciliation>('/payments/reconciliation', { query: { unitCode, date }, signal }),
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
