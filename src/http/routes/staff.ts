import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../services/platform/index.ts';
import {
  evaluationSummary,
  evaluationSummaryXlsx,
  gradeWeek,
  listWeek,
  myEvaluations,
  myEvaluationUnits,
  submitWeekReport,
} from '../../services/staff/index.ts';
import { completeFollowUp, hotlineSummary, listCalls, logCall } from '../../services/staff/index.ts';
import { metaOf, requireActor } from '../auth.ts';
import { staffContract } from '../../contracts/staff.ts';
import { guardByTable } from '../authorization-table.ts';

export async function staffRoutes(app: FastifyInstance, { ctx }: { ctx: ServiceContext }) {
  guardByTable(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(staffContract.logCall.path, { schema: staffContract.logCall.schema }, async (request, reply) =>
    reply.code(201).send(await logCall(ctx, requireActor(request), metaOf(request), request.body)),
  );

  r.get(staffContract.calls.path, { schema: staffContract.calls.schema }, async (request) =>
    listCalls(ctx, requireActor(request), request.query),
  );

  r.post(
    staffContract.completeFollowUp.path,
    { schema: staffContract.completeFollowUp.schema },
    async (request) => completeFollowUp(ctx, requireActor(request), request.params.id, request.body.note),
  );

  r.get(staffContract.hotlineSummary.path, { schema: staffContract.hotlineSummary.schema }, async (request) =>
    hotlineSummary(ctx, requireActor(request), request.query),
  );

  r.get(staffContract.myEvaluations.path, { schema: staffContract.myEvaluations.schema }, async (request) => {
    const actor = requireActor(request);
    return { units: await myEvaluationUnits(ctx, actor), weeks: await myEvaluations(ctx, actor) };
  });

  r.put(
    staffContract.submitWeekReport.path,
    { schema: staffContract.submitWeekReport.schema },
    async (request) => submitWeekReport(ctx, requireActor(request), request.params.week, request.body),
  );

  r.get(staffContract.week.path, { schema: staffContract.week.schema }, async (request) =>
    listWeek(ctx, requireActor(request), { unit: request.query.unit, week: request.params.week }),
  );

  r.put(staffContract.grade.path, { schema: staffContract.grade.schema }, async (request) =>
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
    staffContract.evaluationSummary.path,
    { schema: staffContract.evaluationSummary.schema },
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
