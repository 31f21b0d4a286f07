import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { dossiersContract } from '../../../src/contracts/dossiers';
import type { feedbackContract } from '../../../src/contracts/feedback';
import type { InputOf, OutputOf } from '../../../src/contracts/operation';
import type { DossierStatus } from '../../../src/domain/dossier/types';
import { ApiError } from './client';
import { endpoint } from './endpoint';

/** The public tracking page's operations, typed by the dossiers and feedback contracts. */
export const trackApi = {
  track: endpoint<typeof dossiersContract.track>('GET /public/track/:code'),
  rate: endpoint<typeof feedbackContract.rate>('POST /public/track/:code/rating'),
};

/** What anybody holding the receipt may see of a dossier (GET /public/track/{code}). */
export type TrackResult = OutputOf<typeof dossiersContract.track>;
export type CodeName = TrackResult['procedure'];
export type TrackStatus = DossierStatus;
export type TrackStep = TrackResult['steps'][number];
export type TrackSupplementRequest = NonNullable<TrackResult['supplementRequests']>[number];
export type TrackSupplementItem = TrackSupplementRequest['items'][number];
/** A recorded rating (in GET /public/track/{code} and the answer to POST …/rating). */
export type TrackRating = OutputOf<typeof feedbackContract.rate>;

type RatingBody = InputOf<typeof feedbackContract.rate>['body'];
export type RatingLevel = RatingBody['level'];

/** The four levels of satisfaction, from best to worst, as on the national portal. */
export const RATING_LEVELS = [
  'very_satisfied',
  'satisfied',
  'neutral',
  'not_satisfied',
] as const satisfies readonly RatingLevel[];

/** The optional criteria: the officers' attitude, the time taken, the ease of the procedure. */
export const RATING_CRITERIA = ['attitude', 'time', 'ease'] as const satisfies readonly (keyof NonNullable<
  RatingBody['criteria']
>)[];
export type RatingCriterion = (typeof RATING_CRITERIA)[number];

export type RatingCriteria = NonNullable<RatingBody['criteria']>;

/** What the applicant gives: the level, optional levels per criterion, a comment. */
export type RatingInput = Omit<RatingBody, 'phone' | 'idNumber'>;

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
  trackApi.track({ params: { code }, query: { ...factor } }, { signal });

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
  trackApi.rate({ params: { code }, body: { ...factor, ...input } });

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
