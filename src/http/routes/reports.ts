import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../services/platform/index.ts';
import { printedUnit } from '../../services/dossiers/index.ts';
import {
  DRILL_TITLES,
  drillXlsx,
  processingCsv,
  processingPdf,
  processingXlsx,
  tableReportCsv,
  tableReportXlsx,
} from '../../services/statistics/index.ts';
import { dashboard, drillDown } from '../../services/statistics/index.ts';
import { recordIndexInput, serviceIndex } from '../../services/statistics/index.ts';
import { requireUnit } from '../../services/access/index.ts';
import { publicStatistics } from '../../services/statistics/index.ts';
import { processingReport } from '../../services/statistics/index.ts';
import { tableReport } from '../../services/statistics/index.ts';
import { TABLE_REPORT_KINDS } from '../../domain/statistics/table-reports.ts';
import { requireActor } from '../auth.ts';
import { statisticsContract, tableReportOperations } from '../../contracts/statistics.ts';
import { guardByTable } from '../authorization-table.ts';

const FILE_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
} as const;

/** A report as a file to download (`name` without its extension). */
function sendFile(reply: FastifyReply, format: keyof typeof FILE_TYPES, name: string, body: Buffer | string) {
  const sent = reply
    .type(FILE_TYPES[format])
    .header('content-disposition', `attachment; filename="${name}.${format}"`);
  // Not the JSON schema's serializer: a CSV body is the text as it is.
  if (format === 'csv') sent.serializer((payload: unknown) => String(payload));
  return sent.send(body as never);
}

export async function reportRoutes(app: FastifyInstance, { ctx }: { ctx: ServiceContext }) {
  guardByTable(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    statisticsContract.processing.path,
    { schema: statisticsContract.processing.schema },
    async (request, reply) => {
      const q = request.query;
      const report = await processingReport(ctx, requireActor(request), {
        unit: q.unit,
        from: q.from,
        to: q.to,
        descendants: q.descendants === 'true',
        ...(q.groupBy ? { groupBy: q.groupBy } : {}),
      });
      const fileName = `bao-cao-${report.unit.code}-${q.from}-${q.to}`;
      if (q.format === 'xlsx')
        return sendFile(reply, 'xlsx', fileName, await processingXlsx(report, ctx.clock()));
      if (q.format === 'pdf') {
        const unit = await printedUnit(ctx.database.db, await requireUnit(ctx.database.db, report.unit.code));
        return sendFile(reply, 'pdf', fileName, await processingPdf(report, unit, ctx.clock()));
      }
      if (q.format === 'csv') return sendFile(reply, 'csv', fileName, processingCsv(report));
      return report;
    },
  );

  r.get(
    statisticsContract.publicStatistics.path,
    { schema: statisticsContract.publicStatistics.schema },
    async (request) => publicStatistics(ctx, request.params.code),
  );

  r.get(
    statisticsContract.dashboard.path,
    { schema: statisticsContract.dashboard.schema },
    async (request) => {
      const q = request.query;
      return dashboard(ctx, requireActor(request), {
        unit: q.unit,
        from: q.from,
        to: q.to,
        descendants: q.descendants === 'true',
      });
    },
  );

  r.get(
    statisticsContract.drill.path,
    { schema: statisticsContract.drill.schema },
    async (request, reply) => {
      const q = request.query;
      const query = {
        unit: q.unit,
        from: q.from,
        to: q.to,
        descendants: q.descendants === 'true',
        category: q.category,
        unitCode: q.unitCode,
        limit: q.format === 'xlsx' ? 100_000 : q.limit,
        offset: q.format === 'xlsx' ? 0 : q.offset,
      };
      const list = await drillDown(ctx, requireActor(request), query);
      if (q.format === 'xlsx') {
        const title = DRILL_TITLES[q.category];
        const scope = `${q.unitCode ?? q.unit}${q.descendants === 'true' && !q.unitCode ? ' và các đơn vị trực thuộc' : ''} — từ ${q.from} đến ${q.to}: ${list.total} hồ sơ`;
        return sendFile(
          reply,
          'xlsx',
          `ho-so-${q.category}-${q.unit}-${q.from}-${q.to}`,
          await drillXlsx(title, scope, list.items, ctx.clock()),
        );
      }
      return { total: list.total, limit: q.limit, offset: q.offset, items: list.items };
    },
  );

  for (const kind of TABLE_REPORT_KINDS) {
    const op = tableReportOperations[kind];
    r.get(op.path, { schema: op.schema }, async (request, reply) => {
      const q = request.query;
      const report = await tableReport(ctx, requireActor(request), kind, {
        unit: q.unit,
        from: q.from,
        to: q.to,
        descendants: q.descendants === 'true',
        groupBy: q.groupBy,
      });
      const fileName = `bao-cao-${kind}-${report.unit.code}-${q.from}-${q.to}`;
      if (q.format === 'xlsx')
        return sendFile(reply, 'xlsx', fileName, await tableReportXlsx(report, ctx.clock()));
      if (q.format === 'csv') return sendFile(reply, 'csv', fileName, tableReportCsv(report));
      return report;
    });
  }

  r.get(statisticsContract.index.path, { schema: statisticsContract.index.schema }, async (request) =>
    serviceIndex(ctx, requireActor(request), request.query),
  );

  r.put(
    statisticsContract.recordIndexInput.path,
    { schema: statisticsContract.recordIndexInput.schema },
    async (request, reply) => {
      await recordIndexInput(
        ctx,
        requireActor(request),
        { ip: request.ip, requestId: request.id },
        request.body,
      );
      return reply.code(204).send(null);
    },
  );
}
