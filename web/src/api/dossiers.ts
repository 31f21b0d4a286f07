import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { dossiersContract, StoredDocument } from '../../../src/contracts/dossiers';
import type { InputOf, OutputOf } from '../../../src/contracts/operation';
import type { DossierStatus } from '../../../src/domain/dossier/types';
import { API_BASE, ApiError, buildUrl, downloadFile } from './client';
import { endpoint } from './endpoint';

type Contract = typeof dossiersContract;

/** The dossiers context's operations, typed by its contract. */
export const dossiersApi = {
  receive: endpoint<Contract['receive']>('POST /dossiers'),
  receiveBundle: endpoint<Contract['receiveBundle']>('POST /dossiers/bundles'),
  list: endpoint<Contract['list']>('GET /dossiers'),
  get: endpoint<Contract['get']>('GET /dossiers/:code'),
  act: endpoint<Contract['act']>('POST /dossiers/:code/actions'),
  applicant: endpoint<Contract['applicant']>('GET /reception/applicants/:idNumber'),
  issueSlip: endpoint<Contract['issueSlip']>('POST /reception/slips'),
};

export type { DossierStatus };

export type IntakeBody = InputOf<Contract['receive']>['body'];
export type BundleBody = InputOf<Contract['receiveBundle']>['body'];
/** One dossier of a bundle (hồ sơ liên thông) received at once. */
export type BundleItemBody = BundleBody['items'][number];
export type ApplicantInput = IntakeBody['applicant'];
export type Channel = IntakeBody['channel'];
export type ResultDelivery = NonNullable<IntakeBody['resultDelivery']>;
export type SubmittedForm = NonNullable<NonNullable<IntakeBody['documents']>[number]['form']>;
/** Body of an action: `{ action, expectedVersion, note?, …payload }`. */
export type ActionBody = InputOf<Contract['act']>['body'];
export type ActionType = ActionBody['action'];

export type DossierView = OutputOf<Contract['get']>;
export type DossierTimeliness = DossierView['timeliness'];
/** Time left as the server counts it in the unit's working calendar (see the contract). */
export type DossierTimeLeft = DossierView['timeLeft'];
export type DossierStepView = DossierView['steps'][number];
export type DossierEventView = DossierView['events'][number];
export type AllowedAction = DossierView['allowedActions'][number];
/** Another dossier of the same bundle. */
export type BundleMember = DossierView['bundle'][number];
/** One line of how the due date given at reception was computed. */
export type DueExplanationItem = DossierView['dueExplanation'][number];
export type DueExplanationKind = DueExplanationItem['kind'];
/** A submitted document as stored on the dossier (its `documents`). */
export type DossierDocument = StoredDocument;

export type DossierListPage = OutputOf<Contract['list']>;
export type DossierListItem = DossierListPage['items'][number];

export interface DossierListQuery {
  status?: string;
  /** A step code, e.g. `phe_duyet`. */
  step?: string;
  /** `me` or a user id. */
  assignee?: string;
  unit?: string;
  overdue?: boolean;
  q?: string;
  limit?: number;
}

/** Printable forms: 01 receipt, 02 supplement request, 04 apology and new date, 05 control sheet. */
export type DossierForm = '01' | '02' | '04' | '05';

export const dossierKeys = {
  all: ['dossiers'] as const,
  lists: ['dossiers', 'list'] as const,
  list: (query: DossierListQuery) => ['dossiers', 'list', query] as const,
  detail: (code: string) => ['dossiers', 'detail', code] as const,
  applicants: ['dossiers', 'applicant'] as const,
  applicant: (idNumber: string) => ['dossiers', 'applicant', idNumber] as const,
};

export const receiveDossier = (body: IntakeBody, idempotencyKey: string) =>
  dossiersApi.receive({ body }, { headers: { 'Idempotency-Key': idempotencyKey } });

/** Receives 2 to 5 linked procedures at once: one dossier each, all or none. */
export const receiveBundle = (body: BundleBody) => dossiersApi.receiveBundle({ body });

/** The applicant of the latest dossier with this ID number in the caller's units; null when there is none. */
export async function findSavedApplicant(
  idNumber: string,
  signal?: AbortSignal,
): Promise<ApplicantInput | null> {
  try {
    const { applicant } = await dossiersApi.applicant({ params: { idNumber } }, { signal });
    return (applicant as ApplicantInput | undefined) ?? null;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export const listDossiers = (query: DossierListQuery, cursor: string | null, signal?: AbortSignal) =>
  dossiersApi.list(
    {
      query: {
        status: query.status,
        step: query.step,
        assignee: query.assignee,
        unit: query.unit,
        overdue: query.overdue ? 'true' : undefined,
        q: query.q,
        limit: query.limit ?? 50,
        cursor: cursor ?? undefined,
      },
    },
    { signal },
  );

export const getDossier = (code: string, signal?: AbortSignal) =>
  dossiersApi.get({ params: { code } }, { signal });

export const actOnDossier = (code: string, body: ActionBody) => dossiersApi.act({ params: { code }, body });

export function dossierFormUrl(code: string, form: DossierForm): string {
  return `${API_BASE}/dossiers/${encodeURIComponent(code)}/forms/${form}.pdf`;
}

export type SlipBody = InputOf<Contract['issueSlip']>['body'];
export type Slip = OutputOf<Contract['issueSlip']>;
export type SlipKind = Slip['kind'];
export type SlipItemForm = NonNullable<NonNullable<SlipBody['items']>[number]['form']>;

export const SLIP_ITEM_FORMS: SlipItemForm[] = ['original', 'certified_copy', 'photocopy'];

export const issueSlip = (body: SlipBody) => dossiersApi.issueSlip({ body });

export function slipPdfUrl(id: string): string {
  return `${API_BASE}/reception/slips/${encodeURIComponent(id)}/pdf`;
}

/** The logbook query: unit, Vietnam dates from..to (both included, YYYY-MM-DD), pdf or xlsx. */
export type LogbookQuery = Required<InputOf<Contract['logbook']>['query']>;
export type LogbookFormat = LogbookQuery['format'];

/** The logbook (Sổ theo dõi hồ sơ, Mẫu 06) of a unit for a period. */
export function logbookUrl(query: LogbookQuery): string {
  return buildUrl('/reports/logbook', { ...query });
}

/** Saves the logbook file; resolves with the file name. */
export const downloadLogbook = (query: LogbookQuery) =>
  downloadFile(
    '/reports/logbook',
    { ...query },
    `so-theo-doi-${query.unit}-${query.from}-${query.to}.${query.format}`,
  );

export function useDossier(code: string | undefined) {
  return useQuery({
    queryKey: dossierKeys.detail(code ?? ''),
    queryFn: ({ signal }) => getDossier(code ?? '', signal),
    enabled: Boolean(code),
    staleTime: 5_000,
  });
}

/** The saved applicant for a complete ID number (9 or 12 digits); disabled otherwise. */
export function useSavedApplicant(idNumber: string) {
  return useQuery({
    queryKey: dossierKeys.applicant(idNumber),
    queryFn: ({ signal }) => findSavedApplicant(idNumber, signal),
    enabled: /^(\d{9}|\d{12})$/.test(idNumber),
    staleTime: 60_000,
    retry: false,
  });
}

export function useDossierList(query: DossierListQuery, enabled = true) {
  return useInfiniteQuery({
    queryKey: dossierKeys.list(query),
    queryFn: ({ pageParam, signal }) => listDossiers(query, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    staleTime: 15_000,
    enabled,
  });
}

/** A fresh idempotency key; crypto.randomUUID needs a secure context, an office LAN may not be one. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
