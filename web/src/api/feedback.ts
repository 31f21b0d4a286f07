import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

export interface FeedbackCategory {
  code: string;
  name: string;
  nameEn: string;
}

export interface FeedbackInput {
  unitCode: string;
  category: string;
  text: string;
  dossierCode?: string;
  name: string;
  phone?: string;
  email?: string;
  publish: boolean;
}

export interface FeedbackReceipt {
  id: string;
  status: string;
  dueAt: string;
}

/** Answered feedback whose authors agreed to publish it (no contact data). */
export interface PublishedFeedback {
  id: string;
  unitName: string;
  category: string;
  text: string;
  answer: string | null;
  createdAt: string;
  answeredAt: string | null;
}

export const FEEDBACK_STATUSES = ['open', 'in_progress', 'answered', 'closed'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export interface StaffFeedback {
  id: string;
  category: string;
  text: string;
  dossierCode: string | null;
  submitter: { name?: string; phone?: string; email?: string } | null;
  publishConsent: boolean;
  status: FeedbackStatus | string;
  answer: string | null;
  answeredAt: string | null;
  dueAt: string;
  source: string;
  createdAt: string;
}

export const feedbackKeys = {
  categories: ['feedback', 'categories'] as const,
  published: ['feedback', 'published'] as const,
  staff: (status: string) => ['feedback', 'staff', status] as const,
  staffAll: ['feedback', 'staff'] as const,
};

export function useFeedbackCategories() {
  return useQuery({
    queryKey: feedbackKeys.categories,
    queryFn: () => api<{ items: FeedbackCategory[] }>('/public/feedback/categories'),
    staleTime: 5 * 60 * 1000,
    select: (d) => d.items,
  });
}

export function usePublishedFeedback() {
  return useQuery({
    queryKey: feedbackKeys.published,
    queryFn: ({ signal }) => api<{ items: PublishedFeedback[] }>('/public/feedback', { signal }),
    select: (d) => d.items,
  });
}

export function useSubmitFeedback() {
  return useMutation({
    mutationFn: (input: FeedbackInput) =>
      api<FeedbackReceipt>('/public/feedback', { method: 'POST', body: input }),
  });
}

export function useStaffFeedback(status: string) {
  return useQuery({
    queryKey: feedbackKeys.staff(status),
    queryFn: ({ signal }) =>
      api<{ items: StaffFeedback[] }>('/feedback', { query: { status: status || undefined }, signal }),
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
    api<StaffFeedback>(`/feedback/${encodeURIComponent(id)}/answer`, { method: 'POST', body: { answer } }),
  );
}

export function useSetFeedbackStatus() {
  return useStaffMutation(({ id, status }: { id: string; status: 'in_progress' | 'closed' }) =>
    api<StaffFeedback>(`/feedback/${encodeURIComponent(id)}/status`, { method: 'POST', body: { status } }),
  );
}
