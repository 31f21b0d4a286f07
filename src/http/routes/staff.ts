import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { GRADES } from '../../domain/staff/evaluation.ts';
import type { ServiceContext } from '../../services/platform/index.ts';
import {
  evaluationSummary,
  evaluationSummaryXlsx,
  gradeSchema,
  gradeWeek,
  listWeek,
  myEvaluations,
  myEvaluationUnits,
  submitWeekReport,
  weekReportSchema,
} from '../../services/staff/index.ts';
import {
  callInputSchema,
  completeFollowUp,
  HOTLINE_PURPOSES,
  hotlineSummary,
  listCalls,
  logCall,
} from '../../services/staff/index.ts';
import { metaOf, requireActor } from '../auth.ts';
import { problemSchema } from '../../contracts/common.ts';
import { guardByTable } from '../authorization-table.ts';

const security: { [label: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }];
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

const callSchema = z.object({
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

const factsSchema = z.object({
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
const weekEntrySchema = z.object({
  officer: z.object({ username: z.string(), fullName: z.string() }),
  weekStart: z.string(),
  tasks: z.string().nullable(),
  submittedAt: z.string().nullable(),
  facts: factsSchema,
  grade: z.enum(GRADES).nullable(),
  comment: z.string().nullable(),
  gradedByName: z.string().nullable(),
  gradedAt: z.string().nullable(),
});

export async function staffRoutes(app: FastifyInstance, { ctx }: { ctx: ServiceContext }) {
  guardByTable(app);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const hotline = ['hotline'];
  const evaluation = ['evaluation'];

  r.post(
    '/hotline/calls',
    {
      schema: {
        tags: hotline,
        summary:
          'Log a hotline call: guidance, postal booking, feedback or complaint, a report on an officer’s attitude',
        description:
          '`purpose` = guidance | postal | feedback | attitude (the last needs `officerUsername`); optional links to a ' +
          'dossier (`dossierCode`), a feedback item, a postal shipment (`shipmentTrackingNumber`), and a follow-up date.',
        security,
        body: callInputSchema,
        response: { 201: callSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await logCall(ctx, requireActor(request), metaOf(request), request.body)),
  );

  r.get(
    '/hotline/calls',
    {
      schema: {
        tags: hotline,
        summary: 'The hotline calls of a unit for local dates from..to, newest first',
        security,
        querystring: z.object({ unit: z.string().min(1).max(100), from: localDate, to: localDate }),
        response: { 200: z.array(callSchema), ...errors },
      },
    },
    async (request) => listCalls(ctx, requireActor(request), request.query),
  );

  r.post(
    '/hotline/calls/:id/follow-up',
    {
      schema: {
        tags: hotline,
        summary: 'The follow-up of a call is done, with what was done',
        security,
        params: z.object({ id: z.string().max(40) }),
        body: z.object({ note: z.string().trim().min(3, 'Cần ghi việc đã làm').max(2000) }),
        response: { 200: callSchema, ...errors },
      },
    },
    async (request) => completeFollowUp(ctx, requireActor(request), request.params.id, request.body.note),
  );

  r.get(
    '/hotline/summary',
    {
      schema: {
        tags: hotline,
        summary: 'The week’s hotline calls by purpose, and their follow-ups (due, done, overdue)',
        security,
        querystring: z.object({ unit: z.string().min(1).max(100), week: localDate }),
        response: {
          200: z.object({
            unit: z.object({ code: z.string(), name: z.string() }),
            weekStart: z.string(),
            weekEnd: z.string(),
            calls: z.number().int(),
            byPurpose: z.record(z.string(), z.number().int()),
            followUps: z.object({ due: z.number().int(), done: z.number().int(), overdue: z.number().int() }),
          }),
          ...errors,
        },
      },
    },
    async (request) => hotlineSummary(ctx, requireActor(request), request.query),
  );

  r.get(
    '/evaluations/me',
    {
      schema: {
        tags: evaluation,
        summary: 'My weekly evaluations, newest first, and the units where I am evaluated',
        security,
        response: {
          200: z.object({
            units: z.array(z.object({ code: z.string(), name: z.string() })),
            weeks: z.array(weekEntrySchema.extend({ unitCode: z.string() })),
          }),
          401: problemSchema,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return { units: await myEvaluationUnits(ctx, actor), weeks: await myEvaluations(ctx, actor) };
    },
  );

  r.put(
    '/evaluations/weeks/:week/report',
    {
      schema: {
        tags: evaluation,
        summary: 'The officer reports the week’s tasks (until the week is graded)',
        description: '`week` is the Monday (YYYY-MM-DD). 409 `already_graded` once the leader graded it.',
        security,
        params: z.object({ week: z.string().max(10) }),
        body: weekReportSchema,
        response: { 200: weekEntrySchema, ...errors, 409: problemSchema },
      },
    },
    async (request) => submitWeekReport(ctx, requireActor(request), request.params.week, request.body),
  );

  r.get(
    '/evaluations/weeks/:week',
    {
      schema: {
        tags: evaluation,
        summary: 'A week at a unit (its leaders): every officer’s report, the facts measured, the grade',
        description:
          'Facts: dossiers received, steps done (on time, late) against each step’s share of the time, resolved, ' +
          'returned, dossiers overdue in hand, ratings (satisfied), hotline reports on attitude. A graded week shows ' +
          'the facts as they were when graded.',
        security,
        params: z.object({ week: z.string().max(10) }),
        querystring: z.object({ unit: z.string().min(1).max(100) }),
        response: { 200: z.array(weekEntrySchema), ...errors },
      },
    },
    async (request) =>
      listWeek(ctx, requireActor(request), { unit: request.query.unit, week: request.params.week }),
  );

  r.put(
    '/evaluations/weeks/:week/officers/:username/grade',
    {
      schema: {
        tags: evaluation,
        summary: 'The leader grades an officer’s week: A, B, C or D with a comment (audited)',
        description:
          'A: hoàn thành xuất sắc, B: hoàn thành tốt, C: hoàn thành, D: không hoàn thành nhiệm vụ. Leaders of the unit only.',
        security,
        params: z.object({ week: z.string().max(10), username: z.string().max(100) }),
        body: gradeSchema,
        response: { 200: weekEntrySchema, ...errors },
      },
    },
    async (request) =>
      gradeWeek(
        ctx,
        requireActor(request),
        metaOf(request),
        request.params.username,
        request.params.week,
        request.body,
      ),
  );

  r.get(
    '/evaluations/summary',
    {
      schema: {
        tags: evaluation,
        summary:
          'Grades per officer by month or quarter (weeks at A, B, C, D, not graded); Excel with format=xlsx',
        security,
        querystring: z.object({
          unit: z.string().min(1).max(100),
          from: localDate,
          to: localDate,
          by: z.enum(['month', 'quarter']).default('month'),
          format: z.enum(['json', 'xlsx']).default('json'),
        }),
        response: {
          200: z.object({
            unit: z.object({ code: z.string(), name: z.string() }),
            from: z.string(),
            to: z.string(),
            by: z.enum(['month', 'quarter']),
            rows: z.array(
              z.object({
                officer: z.object({ username: z.string(), fullName: z.string() }),
                period: z.string(),
                A: z.number().int(),
                B: z.number().int(),
                C: z.number().int(),
                D: z.number().int(),
                ungraded: z.number().int(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const summary = await evaluationSummary(ctx, requireActor(request), query);
      if (format === 'xlsx')
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header(
            'content-disposition',
            `attachment; filename="xep-loai-${summary.unit.code}-${query.from}-${query.to}.xlsx"`,
          )
          .send((await evaluationSummaryXlsx(summary, ctx.clock())) as never);
      return summary;
    },
  );
}
