import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { API_BASE, ApiError, api, buildUrl, downloadFile } from './client';
import type { ProcessingTime } from './public';
import type { AssistedInfo } from './applications';

export type DossierStatus =
  | 'in_progress'
  | 'paused'
  | 'resolved'
  | 'returned'
  | 'refused'
  | 'withdrawn'
  | 'cancelled';

export const DOSSIER_STATUSES: DossierStatus[] = [
  'in_progress',
  'paused',
  'resolved',
  'returned',
  'refused',
  'withdrawn',
  'cancelled',
];

export type Channel = 'counter' | 'online' | 'postal';
export type ResultDelivery = 'counter' | 'postal' | 'online';
export type SubmittedForm = 'original' | 'copy' | 'certified_copy';

export type ActionType =
  | 'assign'
  | 'forward'
  | 'request_supplement'
  | 'receive_supplement'
  | 'refuse'
  | 'extend'
  | 'transfer'
  | 'approve'
  | 'attach_result'
  | 'return'
  | 'withdraw'
  | 'cancel';

export interface ApplicantInput {
  fullName: string;
  /** CCCD (12 digits) or the older CMND (9 digits). */
  idNumber: string;
  phone: string;
  email?: string;
  address?: string;
  organization?: string;
}

export interface IntakeBody {
  procedureCode: string;
  unitCode: string;
  channel: Channel;
  applicant: ApplicantInput;
  formData: Record<string, unknown>;
  documents: { index: number; form: SubmittedForm; copies: number }[];
  resultDelivery: ResultDelivery;
  sets: number;
  deliveryAddress?: string;
}

/** One dossier of a bundle (hồ sơ liên thông) received at once. */
export interface BundleItemBody {
  procedureCode: string;
  documents: { index: number; form: SubmittedForm; copies: number }[];
  feeIndexes?: number[];
}

export interface BundleBody {
  unitCode: string;
  channel: Channel;
  applicant: ApplicantInput;
  resultDelivery: ResultDelivery;
  deliveryAddress?: string;
  /** 2 to 5 procedures, all received or none. */
  items: BundleItemBody[];
}

/** Another dossier of the same bundle. */
export interface BundleMember {
  code: string;
  procedureCode: string;
  status: DossierStatus | string;
}

export type DueExplanationKind =
  | 'start'
  | 'weekend'
  | 'holiday'
  | 'workday'
  | 'after_hours'
  | 'lunch'
  | 'cutoff'
  | 'due';

/** One line of how the due date given at reception was computed. */
export interface DueExplanationItem {
  date: string;
  kind: DueExplanationKind | string;
  name?: string;
  text: string;
  textEn: string;
}

export type DossierTimeliness =
  | { kind: 'resolved'; value: 'early' | 'on_time' | 'late' }
  | { kind: 'in_progress'; value: 'not_due' | 'due_soon' | 'overdue' | 'paused' }
  | { kind: 'closed' };

export interface DossierStepView {
  step: string;
  stepName: string;
  unitCode: string | null;
  assigneeId: string | null;
  startedAt: string;
  endedAt: string | null;
  deadline: string;
  timeliness: string | null;
}

export interface DossierEventView {
  seq: number;
  type: string;
  at: string;
  actorName: string | null;
  step: string | null;
  payload: unknown;
}

export interface AllowedAction {
  type: ActionType | string;
  label: string;
  to: string | null;
}

export interface DossierDocument {
  index: number;
  name?: string;
  form?: string;
  copies?: number;
}

export interface DossierView {
  code: string;
  status: DossierStatus | string;
  step: string | null;
  stepName: string | null;
  version: number;
  channel: Channel | string;
  procedure: { code: string; name: string; version: number; processingTime: ProcessingTime | unknown };
  receivingUnit: { code: string; name: string };
  currentUnit: { code: string; name: string };
  applicant: Partial<ApplicantInput> | unknown;
  documents: DossierDocument[] | unknown;
  formData?: unknown;
  resultDelivery: ResultDelivery | string;
  receivedAt: string;
  dueAt: string;
  appointmentAt: string;
  originalDueAt: string;
  extended: boolean;
  paused: boolean;
  pausedMinutes: number;
  resolvedAt: string | null;
  returnedAt: string | null;
  timeliness: DossierTimeliness;
  assigneeId?: string | null;
  steps: DossierStepView[];
  events: DossierEventView[];
  allowedActions: AllowedAction[];
  /** The other dossiers received in the same bundle; empty when received alone. */
  bundle: BundleMember[];
  /** An online dossier a community digital team member submitted for the citizen. */
  assisted?: AssistedInfo | null;
  dueExplanation: DueExplanationItem[];
}

export interface DossierListItem {
  code: string;
  procedureCode: string;
  procedureName: string;
  /** Name of the current step in the dossier's process (Vietnamese), null when closed. */
  stepName: string | null;
  assigneeId: string | null;
  applicantName: string;
  status: DossierStatus | string;
  step: string | null;
  receivingUnitCode: string;
  currentUnitCode: string;
  receivedAt: string;
  dueAt: string;
  appointmentAt: string;
  paused: boolean;
  version: number;
}

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

export interface DossierListPage {
  items: DossierListItem[];
  nextCursor: string | null;
}

/** Body of an action: `{ action, expectedVersion, note?, …payload }`. */
export interface ActionBody {
  action: ActionType | string;
  expectedVersion: number;
  note?: string;
  [key: string]: unknown;
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
  api<DossierView>('/dossiers', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } });

/** Receives 2 to 5 linked procedures at once: one dossier each, all or none. */
export const receiveBundle = (body: BundleBody) =>
  api<{ bundleId: string; dossiers: DossierView[] }>('/dossiers/bundles', { method: 'POST', body });

/** The applicant of the latest dossier with this ID number in the caller's units; null when there is none. */
export async function findSavedApplicant(
  idNumber: string,
  signal?: AbortSignal,
): Promise<ApplicantInput | null> {
  try {
    const { applicant } = await api<{ applicant: ApplicantInput }>(
      `/reception/applicants/${encodeURIComponent(idNumber)}`,
      { signal },
    );
    return applicant ?? null;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export const listDossiers = (query: DossierListQuery, cursor: string | null, signal?: AbortSignal) =>
  api<DossierListPage>('/dossiers', {
    query: {
      status: query.status,
      step: query.step,
      assignee: query.assignee,
      unit: query.unit,
      overdue: query.overdue ? 'true' : undefined,
      q: query.q,
      limit: query.limit ?? 50,
      cursor,
    },
    signal,
  });

export const getDossier = (code: string, signal?: AbortSignal) =>
  api<DossierView>(`/dossiers/${encodeURIComponent(code)}`, { signal });

export const actOnDossier = (code: string, body: ActionBody) =>
  api<DossierView>(`/dossiers/${encodeURIComponent(code)}/actions`, { method: 'POST', body });

export function dossierFormUrl(code: string, form: DossierForm): string {
  return `${API_BASE}/dossiers/${encodeURIComponent(code)}/forms/${form}.pdf`;
}

export type SlipKind = 'guidance' | 'refusal';
export type SlipItemForm = 'original' | 'certified_copy' | 'photocopy';

export const SLIP_ITEM_FORMS: SlipItemForm[] = ['original', 'certified_copy', 'photocopy'];

/** A slip issued at the counter without receiving: guidance to complete (Mẫu 02) or refusal (Mẫu 03). */
export interface SlipBody {
  kind: SlipKind;
  unitCode: string;
  procedureCode: string;
  applicant: Partial<ApplicantInput> & { fullName: string };
  /** What to supplement, all at once (at least one for guidance). */
  items: { document: string; form: SlipItemForm; note?: string }[];
  reason: string;
}

export interface Slip {
  id: string;
  number: string;
  kind: SlipKind;
  createdAt: string;
}

export const issueSlip = (body: SlipBody) => api<Slip>('/reception/slips', { method: 'POST', body });

export function slipPdfUrl(id: string): string {
  return `${API_BASE}/reception/slips/${encodeURIComponent(id)}/pdf`;
}

export type LogbookFormat = 'pdf' | 'xlsx';

export interface LogbookQuery {
  unit: string;
  /** YYYY-MM-DD, Vietnam dates, both included. */
  from: string;
  to: string;
  format: LogbookFormat;
}

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
