import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from './client';

export interface CodeName {
  code: string;
  name: string;
}

export type TrackStatus =
  | 'in_progress'
  | 'paused'
  | 'resolved'
  | 'returned'
  | 'refused'
  | 'withdrawn'
  | 'cancelled';

export interface TrackStep {
  stepName: string;
  unitName: string;
  startedAt: string;
  endedAt: string | null;
}

export interface TrackSupplementItem {
  document: string;
  form?: string;
}

export interface TrackSupplementRequest {
  at: string;
  reason: string;
  items: TrackSupplementItem[];
}

/** What anybody holding the receipt may see of a dossier (GET /public/track/{code}). */
export interface TrackResult {
  code: string;
  procedure: CodeName;
  receivingUnit: CodeName;
  currentUnit: CodeName;
  status: TrackStatus | string;
  receivedAt: string;
  dueAt: string;
  appointmentAt: string | null;
  extended: boolean;
  resultReady: boolean;
  resolvedAt: string | null;
  returnedAt: string | null;
  applicantMasked: string;
  steps: TrackStep[];
  verified: boolean;
  /** Only when the second factor matched. */
  supplementRequests?: TrackSupplementRequest[];
}

/** The applicant's phone number or citizen ID number, whichever was typed. */
export type SecondFactor = { phone: string } | { idNumber: string };

/**
 * Reads what the citizen typed as a second factor: a 12-digit CCCD (or 9-digit CMND) number, or a
 * phone number (0xxxxxxxxx, +84xxxxxxxxx). Spaces, dots and dashes are ignored. Null when neither.
 */
export function parseSecondFactor(value: string): SecondFactor | null {
  const raw = value.trim().replace(/[\s.\-()]/g, '');
  if (!raw) return null;
  if (/^\+84\d{9,10}$/.test(raw)) return { phone: `0${raw.slice(3)}` };
  if (!/^\d+$/.test(raw)) return null;
  if (/^0\d{9,10}$/.test(raw)) return { phone: raw };
  if (raw.length === 12 || raw.length === 9) return { idNumber: raw };
  return null;
}

export const trackKeys = {
  all: ['track'] as const,
  // The second factor lives only in memory (query cache), never in the page address or a log.
  one: (code: string, factor: SecondFactor | null) => ['track', code, factor] as const,
};

export const getTrack = (code: string, factor: SecondFactor | null, signal?: AbortSignal) =>
  api<TrackResult>(`/public/track/${encodeURIComponent(code)}`, { query: { ...factor }, signal });

export function useTrack(code: string | undefined, factor: SecondFactor | null) {
  return useQuery({
    queryKey: trackKeys.one(code ?? '', factor),
    queryFn: ({ signal }) => getTrack(code ?? '', factor, signal),
    enabled: Boolean(code),
    // 404 and 429 are answers, not hiccups: asking again would only count against the limit.
    retry: (failures, error) => !(error instanceof ApiError && error.status > 0) && failures < 2,
    staleTime: 30_000,
  });
}
