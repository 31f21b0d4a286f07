import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { feedbackContract } from '../../../src/contracts/feedback';
import type { InputOf, OutputOf } from '../../../src/contracts/operation';
import { endpoint } from './endpoint';

type Contract = typeof feedbackContract;

/** The feedback context's operations, typed by its contract. */
export const feedbackApi = {
  categories: endpoint<Contract['categories']>('GET /public/feedback/categories'),
  submit: endpoint<Contract['submit']>('POST /public/feedback'),
  published: endpoint<Contract['published']>('GET /public/feedback'),
  list: endpoint<Contract['list']>('GET /feedback'),
  answer: endpoint<Contract['answer']>('POST /feedback/:id/answer'),
  setStatus: endpoint<Contract['setStatus']>('POST /feedback/:id/status'),
};

export type FeedbackCategory = OutputOf<Contract['categories']>['items'][number];
export type FeedbackInput = InputOf<Contract['submit']>['body'];
export type FeedbackReceipt = OutputOf<Contract['submit']>;
/** Answered feedback whose authors agreed to publish it (no contact data). */
export type PublishedFeedback = OutputOf<Contract['published']>['items'][number];
export type StaffFeedback = OutputOf<Contract['answer']>;
export type FeedbackStatus = NonNullable<NonNullable<InputOf<Contract['list']>['query']>['status']>;

export const FEEDBACK_STATUSES = [
  'open',
  'in_progress',
  'answered',
  'closed',
] as const satisfies readonly FeedbackStatus[];

export const feedbackKeys = {
  categories: ['feedback', 'categories'] as const,
  published: ['feedback', 'published'] as const,
  staff: (status: string) => ['feedback', 'staff', status] as const,
  staffAll: ['feedback', 'staff'] as const,
};

export function useFeedbackCategories() {
  return useQuery({
    queryKey: feedbackKeys.categories,
    queryFn: ({ signal }) => feedbackApi.categories(undefined, { signal }),
    staleTime: 5 * 60 * 1000,
    select: (d) => d.items,
  });
}

export function usePublishedFeedback() {
  return useQuery({
    queryKey: feedbackKeys.published,
    queryFn: ({ signal }) => feedbackApi.published(undefined, { signal }),
    select: (d) => d.items,
  });
}

export function useSubmitFeedback() {
  return useMutation({
    mutationFn: (input: FeedbackInput) => feedbackApi.submit({ body: input }),
  });
}

export function useStaffFeedback(status: string) {
  return useQuery({
    queryKey: feedbackKeys.staff(status),
    queryFn: ({ signal }) =>
      feedbackApi.list(
        { query: { status: (status || undefined) as FeedbackStatus | undefined } },
        { signal },
      ),
    select: (d) => d.items,
  });
}

function useStaffMutation<T>(fn: (input: T) => Promise<StaffFeedback>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: feedbackKeys.staffAll });
      void queryClient.invalidateQueries({ queryKey: feedbackKeys.published });
    },
  });
}

export function useAnswerFeedback() {
  return useStaffMutation(({ id, answer }: { id: string; answer: string }) =>
    feedbackApi.answer({ params: { id }, body: { answer } }),
  );
}

export function useSetFeedbackStatus() {
  return useStaffMutation(({ id, status }: { id: string; status: 'in_progress' | 'closed' }) =>
    feedbackApi.setStatus({ params: { id }, body: { status } }),
  );
}
