/**
 * The staff context's operations: the hotline (calls, follow-ups, the week's summary) and the weekly
 * evaluation of officers (their reports, the facts measured, the leader's grade). Also the shape of
 * an assisted submission by a community digital team member, shown on dossiers and applications.
 */
import { z } from 'zod';
import { GRADES } from '../domain/staff/evaluation.ts';
import { problemSchema, staffSecurity } from './common.ts';
import { defineContract, operation } from './operation.ts';

/** An online submission a community digital team member made for a citizen: who, and the consent. */
export const assistedSchema = z.object({
  assistant: z.object({ username: z.string(), fullName: z.string() }),
  team: z.object({ id: z.string(), name: z.string(), village: z.string(), unitCode: z.string() }),
  citizen: z.object({ fullName: z.string(), idNumber: z.string(), phone: z.string() }),
  consent: z.object({
    method: z.string(),
    methodName: z.string(),
    recordedAt: z.string(),
    fileId: z.string().nullable(),
    note: z.string().nullable(),
  }),
});

export const HOTLINE_PURPOSES = ['guidance', 'postal', 'feedback', 'attitude'] as const;

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const unitRef = z.object({ code: z.string(), name: z.string() });
const officerRef = z.object({ username: z.string(), fullName: z.string() });

export const callInputSchema = z
  .object({
    unitCode: z.string().trim().min(1).max(100),
    purpose: z.enum(HOTLINE_PURPOSES),
    callerName: z.string().trim().max(200).optional(),
    callerPhone: z.string().trim().max(20).optional(),
    summary: z.string().trim().min(3, 'Cần tóm tắt nội dung cuộc gọi').max(4000),
    procedureCode: z.string().trim().max(40).optional(),
    dossierCode: z.string().trim().max(100).optional(),
    feedbackId: z.uuid().optional(),
    shipmentTrackingNumber: z.string().trim().max(40).optional(),
    /** The officer a report on attitude is about (username). */
    officerUsername: z.string().trim().max(100).optional(),
    followUpDue: localDate.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.purpose === 'attitude' && !v.officerUsername)
      ctx.addIssue({
        code: 'custom',
        path: ['officerUsername'],
        message: 'Phản ánh thái độ cần ghi rõ cán bộ',
      });
  });

export const callSchema = z.object({
  id: z.string(),
  purpose: z.enum(HOTLINE_PURPOSES),
  callerName: z.string().nullable(),
  callerPhone: z.string().nullable(),
  summary: z.string(),
  procedureCode: z.string().nullable(),
  dossierCode: z.string().nullable(),
  feedbackId: z.string().nullable(),
  shipmentTrackingNumber: z.string().nullable(),
  officerName: z.string().nullable(),
  followUpDue: z.string().nullable(),
  followUpDoneAt: z.string().nullable(),
  followUpNote: z.string().nullable(),
  receivedByName: z.string(),
  createdAt: z.string(),
});

export const hotlineSummarySchema = z.object({
  unit: unitRef,
  weekStart: z.string(),
  weekEnd: z.string(),
  calls: z.number().int(),
  /** Calls by purpose, every purpose present. */
  byPurpose: z.record(z.enum(HOTLINE_PURPOSES), z.number().int()),
  followUps: z.object({ due: z.number().int(), done: z.number().int(), overdue: z.number().int() }),
});

export const weekReportSchema = z.object({
  unitCode: z.string().trim().min(1).max(100),
  tasks: z.string().trim().min(5, 'Cần ghi các công việc đã làm trong tuần').max(8000),
});

export const gradeSchema = z.object({
  unitCode: z.string().trim().min(1).max(100),
  grade: z.enum(GRADES),
  comment: z.string().trim().max(2000).optional(),
});

/** What was measured of an officer's week (from the events; frozen when graded). */
export const weekFactsSchema = z.object({
  received: z.number().int(),
  stepsDone: z.number().int(),
  stepsOnTime: z.number().int(),
  stepsLate: z.number().int(),
  resolved: z.number().int(),
  returned: z.number().int(),
  overdueInHand: z.number().int(),
  ratings: z.number().int(),
  satisfied: z.number().int(),
  complaints: z.number().int(),
});

export const weekEntrySchema = z.object({
  officer: officerRef,
  weekStart: z.string(),
  tasks: z.string().nullable(),
  submittedAt: z.string().nullable(),
  facts: weekFactsSchema,
  grade: z.enum(GRADES).nullable(),
  comment: z.string().nullable(),
  gradedByName: z.string().nullable(),
  gradedAt: z.string().nullable(),
});

export const evaluationSummarySchema = z.object({
  unit: unitRef,
  from: z.string(),
  to: z.string(),
  by: z.enum(['month', 'quarter']),
  rows: z.array(
    z.object({
      officer: officerRef,
      period: z.string(),
      A: z.number().int(),
      B: z.number().int(),
      C: z.number().int(),
      D: z.number().int(),
      ungraded: z.number().int(),
    }),
  ),
});

const weekParams = z.object({ week: z.string().max(10) });

export const staffContract = defineContract('staff', {
  logCall: operation('POST /hotline/calls', {
    summary:
      'Log a hotline call: guidance, postal booking, feedback or complaint, a report on an officer’s attitude',
    description:
      '`purpose` = guidance | postal | feedback | attitude (the last needs `officerUsername`); optional links to a ' +
      'dossier (`dossierCode`), a feedback item, a postal shipment (`shipmentTrackingNumber`), and a follow-up date.',
    security: staffSecurity,
    body: callInputSchema,
    response: { 201: callSchema, ...errors },
  }),
  calls: operation('GET /hotline/calls', {
    summary: 'The hotline calls of a unit for local dates from..to, newest first',
    security: staffSecurity,
    querystring: z.object({ unit: z.string().min(1).max(100), from: localDate, to: localDate }),
    response: { 200: z.array(callSchema), ...errors },
  }),
  completeFollowUp: operation('POST /hotline/calls/:id/follow-up', {
    summary: 'The follow-up of a call is done, with what was done',
    security: staffSecurity,
    params: z.object({ id: z.string().max(40) }),
    body: z.object({ note: z.string().trim().min(3, 'Cần ghi việc đã làm').max(2000) }),
    response: { 200: callSchema, ...errors },
  }),
  hotlineSummary: operation('GET /hotline/summary', {
    summary: 'The week’s hotline calls by purpose, and their follow-ups (due, done, overdue)',
    security: staffSecurity,
    querystring: z.object({ unit: z.string().min(1).max(100), week: localDate }),
    response: { 200: hotlineSummarySchema, ...errors },
  }),
  myEvaluations: operation('GET /evaluations/me', {
    summary: 'My weekly evaluations, newest first, and the units where I am evaluated',
    security: staffSecurity,
    response: {
      200: z.object({
        units: z.array(unitRef),
        weeks: z.array(weekEntrySchema.extend({ unitCode: z.string() })),
      }),
      401: problemSchema,
    },
  }),
  submitWeekReport: operation('PUT /evaluations/weeks/:week/report', {
    summary: 'The officer reports the week’s tasks (until the week is graded)',
    description: '`week` is the Monday (YYYY-MM-DD). 409 `already_graded` once the leader graded it.',
    security: staffSecurity,
    params: weekParams,
    body: weekReportSchema,
    response: { 200: weekEntrySchema, ...errors, 409: problemSchema },
  }),
  week: operation('GET /evaluations/weeks/:week', {
    summary: 'A week at a unit (its leaders): every officer’s report, the facts measured, the grade',
    description:
      'Facts: dossiers received, steps done (on time, late) against each step’s share of the time, resolved, ' +
      'returned, dossiers overdue in hand, ratings (satisfied), hotline reports on attitude. A graded week shows ' +
      'the facts as they were when graded.',
    security: staffSecurity,
    params: weekParams,
    querystring: z.object({ unit: z.string().min(1).max(100) }),
    response: { 200: z.array(weekEntrySchema), ...errors },
  }),
  grade: operation('PUT /evaluations/weeks/:week/officers/:username/grade', {
    summary: 'The leader grades an officer’s week: A, B, C or D with a comment (audited)',
    description:
      'A: hoàn thành xuất sắc, B: hoàn thành tốt, C: hoàn thành, D: không hoàn thành nhiệm vụ. Leaders of the unit only.',
    security: staffSecurity,
    params: z.object({ week: z.string().max(10), username: z.string().max(100) }),
    body: gradeSchema,
    response: { 200: weekEntrySchema, ...errors },
  }),
  evaluationSummary: operation('GET /evaluations/summary', {
    summary:
      'Grades per officer by month or quarter (weeks at A, B, C, D, not graded); Excel with format=xlsx',
    security: staffSecurity,
    querystring: z.object({
      unit: z.string().min(1).max(100),
      from: localDate,
      to: localDate,
      by: z.enum(['month', 'quarter']).default('month'),
      format: z.enum(['json', 'xlsx']).default('json'),
    }),
    response: { 200: evaluationSummarySchema, ...errors },
  }),
});

export type AssistedView = z.output<typeof assistedSchema>;
export type CallInput = z.output<typeof callInputSchema>;
export type CallView = z.output<typeof callSchema>;
export type HotlineSummary = z.output<typeof hotlineSummarySchema>;
export type WeekReportInput = z.output<typeof weekReportSchema>;
export type GradeInput = z.output<typeof gradeSchema>;
export type EvaluationSummary = z.output<typeof evaluationSummarySchema>;
export type WeekEntry = z.output<typeof weekEntrySchema>;
