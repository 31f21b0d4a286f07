import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { applicationsContract } from '../../../src/contracts/applications';
import type { InputOf, OutputOf } from '../../../src/contracts/operation';
import type { FormAnswers } from '../../../src/domain/applications/form';
import { endpoint } from './endpoint';

type Contract = typeof applicationsContract;

/** The applications context's operations, typed by its contract. */
export const applicationsApi = {
  divisions: endpoint<Contract['divisions']>('GET /public/divisions'),
  start: endpoint<Contract['start']>('POST /me/applications'),
  mine: endpoint<Contract['mine']>('GET /me/applications'),
  getMine: endpoint<Contract['getMine']>('GET /me/applications/:id'),
  save: endpoint<Contract['save']>('PUT /me/applications/:id'),
  submit: endpoint<Contract['submit']>('POST /me/applications/:id/submit'),
  withdraw: endpoint<Contract['withdraw']>('POST /me/applications/:id/withdraw'),
  supplement: endpoint<Contract['supplement']>('POST /me/applications/:id/supplement'),
  inbox: endpoint<Contract['inbox']>('GET /applications'),
  get: endpoint<Contract['get']>('GET /applications/:id'),
  accept: endpoint<Contract['accept']>('POST /applications/:id/accept'),
  refuse: endpoint<Contract['refuse']>('POST /applications/:id/refuse'),
};

export type ApplicationView = OutputOf<Contract['getMine']>;
export type ApplicationStatus = ApplicationView['status'];
export type ResultDelivery = NonNullable<ApplicationView['resultDelivery']>;
export type ApplicationDocument = ApplicationView['documents'][number];
/** Who submitted for the citizen (community digital team) and how the citizen agreed. */
export type AssistedInfo = NonNullable<ApplicationView['assisted']>;
export type ApplicationListItem = OutputOf<Contract['mine']>['items'][number];
export type PendingApplication = OutputOf<Contract['inbox']>['items'][number];
export type Divisions = OutputOf<Contract['divisions']>;

type StartBody = InputOf<Contract['start']>['body'];
/** What an assistant records before filling an application for a citizen. */
export type AssistInput = NonNullable<StartBody['assisted']>;
/**
 * The fields of a draft an autosave changes (the revision is sent beside them). The contract takes
 * any answers record (the server checks them on submit); the screens hold them as the form's shape.
 */
export type DraftChanges = Omit<InputOf<Contract['save']>['body'], 'revision' | 'answers'> & {
  answers?: FormAnswers;
};

export const applicationKey = (id: string) => ['applications', 'mine', id] as const;

export const startApplication = (procedureCode: string, assisted?: AssistInput) =>
  applicationsApi.start({ body: assisted ? { procedureCode, assisted } : { procedureCode } });

export const saveDraft = (id: string, revision: number, changes: DraftChanges) =>
  applicationsApi.save({ params: { id }, body: { revision, ...changes } });

export const submitApplication = (id: string, revision: number) =>
  applicationsApi.submit({ params: { id }, body: { revision } });

export const withdrawApplication = (id: string) => applicationsApi.withdraw({ params: { id } });

export const submitSupplement = (id: string, fileIds: string[], note?: string) =>
  applicationsApi.supplement({ params: { id }, body: { fileIds, note } });

export function useMyApplication(id: string | undefined, poll = false) {
  return useQuery({
    queryKey: applicationKey(id ?? ''),
    queryFn: () => applicationsApi.getMine({ params: { id: id as string } }),
    enabled: Boolean(id),
    refetchInterval: poll ? 2000 : false,
  });
}

export function useMyApplications() {
  return useQuery({
    queryKey: ['applications', 'mine'],
    queryFn: () => applicationsApi.mine(),
  });
}

export function useDivisions() {
  return useQuery({
    queryKey: ['divisions'],
    queryFn: () => applicationsApi.divisions(),
    staleTime: 3_600_000,
  });
}

// ------------------------------------------------------------ staff

export function usePendingApplications(status: ApplicationStatus = 'submitted') {
  return useQuery({
    queryKey: ['applications', 'office', status],
    queryFn: () => applicationsApi.inbox({ query: { status } }),
    placeholderData: keepPreviousData,
  });
}

export function useOfficeApplication(id: string | null) {
  return useQuery({
    queryKey: ['applications', 'office', 'one', id],
    queryFn: () => applicationsApi.get({ params: { id: id as string } }),
    enabled: Boolean(id),
  });
}

export function useDecideApplication() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (
      input: { id: string; accept: true } | { id: string; accept: false; reason: string },
    ): Promise<{ code: string } | null> => {
      if (input.accept) return applicationsApi.accept({ params: { id: input.id } });
      await applicationsApi.refuse({ params: { id: input.id }, body: { reason: input.reason } });
      return null;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['applications', 'office'] }),
  });
}
