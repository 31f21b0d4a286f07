import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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
  /** Null while an online application waits for acceptance (status `submitted` / `not_accepted`). */
  receivedAt: string | null;
  dueAt: string | null;
  appointmentAt: string | null;
  submittedAt?: string | null;
  extended: boolean;
  resultReady: boolean;
  resolvedAt: string | null;
  returnedAt: string | null;
  applicantMasked: string;
  steps: TrackStep[];
  verified: boolean;
  /** Only when the second factor matched. */
  supplementRequests?: TrackSupplementRequest[];
  /** The applicant's satisfaction rating, once given. */
  rating: TrackRating | null;
  /** True when the dossier was returned, the second factor matched and no rating was given yet. */
  canRate: boolean;
}

/** The four levels of satisfaction, from best to worst, as on the national portal. */
export const RATING_LEVELS = ['very_satisfied', 'satisfied', 'neutral', 'not_satisfied'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

/** The optional criteria: the officers' attitude, the time taken, the ease of the procedure. */
export const RATING_CRITERIA = ['attitude', 'time', 'ease'] as const;
export type RatingCriterion = (typeof RATING_CRITERIA)[number];

export type RatingCriteria = Partial<Record<RatingCriterion, RatingLevel>>;

/** A recorded rating (in GET /public/track/{code} and the answer to POST …/rating). */
export interface TrackRating {
  level: RatingLevel;
  criteria: RatingCriteria | null;
  comment: string | null;
  createdAt: string;
}

export interface RatingInput {
  level: RatingLevel;
  criteria?: RatingCriteria;
  comment?: string;
}

export const COMMENT_MAX = 1000;

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

export const rateDossier = (code: string, factor: SecondFactor, input: RatingInput) =>
  api<TrackRating>(`/public/track/${encodeURIComponent(code)}/rating`, {
    method: 'POST',
    body: { ...factor, ...input },
  });

/** Rates a returned dossier; on success the tracking answer shows the rating and offers no more. */
export function useRateDossier(code: string, factor: SecondFactor | null) {
  const queryClient = useQueryClient();
  const key = trackKeys.one(code, factor);
  return useMutation({
    mutationFn: (input: RatingInput) => {
      if (!factor) throw new ApiError({ status: 404, code: 'not_found' });
      return rateDossier(code, factor, input);
    },
    onSuccess: (rating) => {
      queryClient.setQueryData<TrackResult>(key, (old) => (old ? { ...old, rating, canRate: false } : old));
    },
    onError: (error) => {
      // Rated meanwhile (another tab, another device), or no longer rateable: ask again.
      if (error instanceof ApiError && (error.status === 409 || error.status === 422)) {
        void queryClient.invalidateQueries({ queryKey: key });
      }
    },
  });
}
