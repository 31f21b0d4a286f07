import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EFormDefinition } from '../../../src/domain/catalog/eform';
import type { FormAnswers } from '../../../src/domain/applications/form';
import { api } from './client';

export type ApplicationStatus = 'draft' | 'submitted' | 'accepted' | 'refused' | 'withdrawn';
export type ResultDelivery = 'counter' | 'postal' | 'online';

export interface ApplicationDocument {
  index: number;
  fileIds: string[];
}

export interface ApplicationView {
  id: string;
  status: ApplicationStatus;
  code: string | null;
  revision: number;
  procedure: {
    code: string;
    version: number;
    name: string;
    processingTimeText: string | null;
    postalReturn: boolean;
    fees: { amount: number; condition: string }[];
    feeNote: string | null;
    documents: { name: string; required: boolean; copies?: number; form?: string; template?: string }[];
  };
  form: EFormDefinition;
  units: { code: string; name: string; address: string | null }[];
  unitCode: string | null;
  unitName: string | null;
  answers: FormAnswers;
  documents: ApplicationDocument[];
  feeIndexes: number[];
  feeExemption: string | null;
  resultDelivery: ResultDelivery | null;
  deliveryAddress: string | null;
  postalFee: number;
  fees: { items: { label: string; amount: number }[]; total: number };
  paid: boolean;
  payments: {
    id: string;
    state: string;
    amount: number;
    method: string;
    receiptNumber: string | null;
    paidAt: string | null;
  }[];
  files: { id: string; name: string; size: number; mediaType: string; purpose: string; createdAt: string }[];
  refusalReason: string | null;
  assisted: AssistedInfo | null;
  submittedAt: string | null;
  decidedAt: string | null;
  updatedAt: string;
  dossier: {
    status: string;
    receivedAt: string;
    dueAt: string;
    appointmentAt: string;
    resolvedAt: string | null;
    returnedAt: string | null;
    supplementRequest: { at: string; reason: string; items: string[] } | null;
    resultReady: boolean;
  } | null;
}

export interface ApplicationListItem {
  id: string;
  status: ApplicationStatus;
  code: string | null;
  procedureCode: string;
  procedureName: string;
  unitName: string | null;
  updatedAt: string;
  submittedAt: string | null;
  dossierStatus: string | null;
  appointmentAt: string | null;
  /** For a community digital team member: the citizen the application is for. */
  assistedFor: string | null;
}

/** Who submitted for the citizen (community digital team) and how the citizen agreed. */
export interface AssistedInfo {
  assistant: { username: string; fullName: string };
  team: { id: string; name: string; village: string; unitCode: string };
  citizen: { fullName: string; idNumber: string; phone: string };
  consent: {
    method: string;
    methodName: string;
    recordedAt: string;
    fileId: string | null;
    note: string | null;
  };
}

/** What an assistant records before filling an application for a citizen. */
export interface AssistInput {
  fullName: string;
  idNumber: string;
  phone: string;
  method: 'signed_form' | 'in_person';
  note?: string;
  consent: true;
}

export interface DraftChanges {
  answers?: FormAnswers;
  documents?: ApplicationDocument[];
  unitCode?: string | null;
  resultDelivery?: ResultDelivery | null;
  deliveryAddress?: string | null;
  feeIndexes?: number[];
  feeExemption?: string | null;
}

export interface Divisions {
  provinces: { code: string; name: string }[];
  communes: Record<string, { code: string; name: string }[]>;
}

export const applicationKey = (id: string) => ['applications', 'mine', id] as const;

export const startApplication = (procedureCode: string, assisted?: AssistInput) =>
  api<ApplicationView>('/me/applications', {
    method: 'POST',
    body: assisted ? { procedureCode, assisted } : { procedureCode },
  });

export const saveDraft = (id: string, revision: number, changes: DraftChanges) =>
  api<{ revision: number; updatedAt: string }>(`/me/applications/${id}`, {
    method: 'PUT',
    body: { revision, ...changes },
  });

export const submitApplication = (id: string, revision: number) =>
  api<ApplicationView>(`/me/applications/${id}/submit`, { method: 'POST', body: { revision } });

export const withdrawApplication = (id: string) =>
  api<void>(`/me/applications/${id}/withdraw`, { method: 'POST' });

export const submitSupplement = (id: string, fileIds: string[], note?: string) =>
  api<void>(`/me/applications/${id}/supplement`, { method: 'POST', body: { fileIds, note } });

export function useMyApplication(id: string | undefined, poll = false) {
  return useQuery({
    queryKey: applicationKey(id ?? ''),
    queryFn: () => api<ApplicationView>(`/me/applications/${id}`),
    enabled: Boolean(id),
    refetchInterval: poll ? 2000 : false,
  });
}

export function useMyApplications() {
  return useQuery({
    queryKey: ['applications', 'mine'],
    queryFn: () => api<{ items: ApplicationListItem[] }>('/me/applications'),
  });
}

export function useDivisions() {
  return useQuery({
    queryKey: ['divisions'],
    queryFn: () => api<Divisions>('/public/divisions'),
    staleTime: 3_600_000,
  });
}

// ------------------------------------------------------------ staff

export interface PendingApplication {
  id: string;
  code: string | null;
  status: ApplicationStatus;
  procedureCode: string;
  procedureName: string;
  unitCode: string;
  unitName: string;
  applicantName: string;
  submittedAt: string | null;
  paid: boolean;
  /** Submitted for the citizen by a community digital team member. */
  assisted: boolean;
}

export function usePendingApplications(status: ApplicationStatus = 'submitted') {
  return useQuery({
    queryKey: ['applications', 'office', status],
    queryFn: () => api<{ items: PendingApplication[] }>('/applications', { query: { status } }),
    placeholderData: keepPreviousData,
  });
}

export function useOfficeApplication(id: string | null) {
  return useQuery({
    queryKey: ['applications', 'office', 'one', id],
    queryFn: () => api<ApplicationView>(`/applications/${id}`),
    enabled: Boolean(id),
  });
}

export function useDecideApplication() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (
      input: { id: string; accept: true } | { id: string; accept: false; reason: string },
    ): Promise<{ code: string } | null> => {
      if (input.accept) return api<{ code: string }>(`/applications/${input.id}/accept`, { method: 'POST' });
      await api<void>(`/applications/${input.id}/refuse`, { method: 'POST', body: { reason: input.reason } });
      return null;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['applications', 'office'] }),
  });
}
