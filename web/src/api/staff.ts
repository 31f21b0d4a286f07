import { useQuery } from '@tanstack/react-query';
import type { Grade, WeekFacts } from '../../../src/domain/staff/evaluation';
import { api, downloadFile } from './client';

export type HotlinePurpose = 'guidance' | 'postal' | 'feedback' | 'attitude';

export interface HotlineCall {
  id: string;
  purpose: HotlinePurpose;
  callerName: string | null;
  callerPhone: string | null;
  summary: string;
  procedureCode: string | null;
  dossierCode: string | null;
  feedbackId: string | null;
  shipmentTrackingNumber: string | null;
  officerName: string | null;
  followUpDue: string | null;
  followUpDoneAt: string | null;
  followUpNote: string | null;
  receivedByName: string;
  createdAt: string;
}

export interface HotlineSummary {
  weekStart: string;
  weekEnd: string;
  calls: number;
  byPurpose: Record<HotlinePurpose, number>;
  followUps: { due: number; done: number; overdue: number };
}

export function useHotlineCalls(unit: string, from: string, to: string) {
  return useQuery({
    queryKey: ['hotline', 'calls', unit, from, to],
    queryFn: ({ signal }) => api<HotlineCall[]>('/hotline/calls', { query: { unit, from, to }, signal }),
    enabled: Boolean(unit),
  });
}

export function useHotlineSummary(unit: string, week: string) {
  return useQuery({
    queryKey: ['hotline', 'summary', unit, week],
    queryFn: ({ signal }) => api<HotlineSummary>('/hotline/summary', { query: { unit, week }, signal }),
    enabled: Boolean(unit),
  });
}

export function logCall(body: Record<string, unknown>) {
  return api<HotlineCall>('/hotline/calls', { method: 'POST', body });
}

export function completeFollowUp(id: string, note: string) {
  return api<HotlineCall>(`/hotline/calls/${id}/follow-up`, { method: 'POST', body: { note } });
}

export interface WeekEntry {
  officer: { username: string; fullName: string };
  weekStart: string;
  tasks: string | null;
  submittedAt: string | null;
  facts: WeekFacts;
  grade: Grade | null;
  comment: string | null;
  gradedByName: string | null;
  gradedAt: string | null;
}

export function useMyEvaluations() {
  return useQuery({
    queryKey: ['evaluations', 'me'],
    queryFn: ({ signal }) =>
      api<{ units: Array<{ code: string; name: string }>; weeks: Array<WeekEntry & { unitCode: string }> }>(
        '/evaluations/me',
        { signal },
      ),
  });
}

export function useEvaluationWeek(unit: string, week: string, enabled: boolean) {
  return useQuery({
    queryKey: ['evaluations', 'week', unit, week],
    queryFn: ({ signal }) => api<WeekEntry[]>(`/evaluations/weeks/${week}`, { query: { unit }, signal }),
    enabled: enabled && Boolean(unit),
  });
}

export function submitWeekReport(week: string, body: { unitCode: string; tasks: string }) {
  return api<WeekEntry>(`/evaluations/weeks/${week}/report`, { method: 'PUT', body });
}

export function gradeWeek(
  week: string,
  username: string,
  body: { unitCode: string; grade: Grade; comment?: string },
) {
  return api<WeekEntry>(`/evaluations/weeks/${week}/officers/${encodeURIComponent(username)}/grade`, {
    method: 'PUT',
    body,
  });
}

export function downloadEvaluationSummary(q: {
  unit: string;
  from: string;
  to: string;
  by: 'month' | 'quarter';
}) {
  return downloadFile(
    '/evaluations/summary',
    { ...q, format: 'xlsx' },
    `xep-loai-${q.unit}-${q.from}-${q.to}.xlsx`,
  );
}
