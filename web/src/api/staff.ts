import { useQuery } from '@tanstack/react-query';
import type { InputOf, OutputOf } from '../../../src/contracts/operation';
import type { staffContract } from '../../../src/contracts/staff';
import { downloadFile } from './client';
import { endpoint } from './endpoint';

type Contract = typeof staffContract;

/** The staff context's operations (hotline, weekly evaluation), typed by its contract. */
export const staffApi = {
  logCall: endpoint<Contract['logCall']>('POST /hotline/calls'),
  calls: endpoint<Contract['calls']>('GET /hotline/calls'),
  completeFollowUp: endpoint<Contract['completeFollowUp']>('POST /hotline/calls/:id/follow-up'),
  hotlineSummary: endpoint<Contract['hotlineSummary']>('GET /hotline/summary'),
  myEvaluations: endpoint<Contract['myEvaluations']>('GET /evaluations/me'),
  submitWeekReport: endpoint<Contract['submitWeekReport']>('PUT /evaluations/weeks/:week/report'),
  week: endpoint<Contract['week']>('GET /evaluations/weeks/:week'),
  grade: endpoint<Contract['grade']>('PUT /evaluations/weeks/:week/officers/:username/grade'),
};

export type HotlineCall = OutputOf<Contract['logCall']>;
export type HotlinePurpose = HotlineCall['purpose'];
export type HotlineCallInput = InputOf<Contract['logCall']>['body'];
export type HotlineSummary = OutputOf<Contract['hotlineSummary']>;
export type WeekEntry = OutputOf<Contract['submitWeekReport']>;
export type GradeInput = InputOf<Contract['grade']>['body'];

export function useHotlineCalls(unit: string, from: string, to: string) {
  return useQuery({
    queryKey: ['hotline', 'calls', unit, from, to],
    queryFn: ({ signal }) => staffApi.calls({ query: { unit, from, to } }, { signal }),
    enabled: Boolean(unit),
  });
}

export function useHotlineSummary(unit: string, week: string) {
  return useQuery({
    queryKey: ['hotline', 'summary', unit, week],
    queryFn: ({ signal }) => staffApi.hotlineSummary({ query: { unit, week } }, { signal }),
    enabled: Boolean(unit),
  });
}

export function logCall(body: HotlineCallInput) {
  return staffApi.logCall({ body });
}

export function completeFollowUp(id: string, note: string) {
  return staffApi.completeFollowUp({ params: { id }, body: { note } });
}

export function useMyEvaluations() {
  return useQuery({
    queryKey: ['evaluations', 'me'],
    queryFn: ({ signal }) => staffApi.myEvaluations(undefined, { signal }),
  });
}

export function useEvaluationWeek(unit: string, week: string, enabled: boolean) {
  return useQuery({
    queryKey: ['evaluations', 'week', unit, week],
    queryFn: ({ signal }) => staffApi.week({ params: { week }, query: { unit } }, { signal }),
    enabled: enabled && Boolean(unit),
  });
}

export function submitWeekReport(week: string, body: { unitCode: string; tasks: string }) {
  return staffApi.submitWeekReport({ params: { week }, body });
}

export function gradeWeek(week: string, username: string, body: GradeInput) {
  return staffApi.grade({ params: { week, username }, body });
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
