import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
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
import { DRILL_CATEGORIES, dashboard, drillDown } from '../../services/statistics/index.ts';
import { indexInputSchema, recordIndexInput, serviceIndex } from '../../services/statistics/index.ts';
import { requireUnit } from '../../services/access/index.ts';
import { publicStatistics } from '../../services/statistics/index.ts';
import { processingReport } from '../../services/statistics/index.ts';
import { tableReport } from '../../services/statistics/index.ts';
import {
  TABLE_REPORT_KINDS,
  TABLE_REPORTS,
  type TableGroupBy,
  type TableReportKind,
} from '../../domain/statistics/table-reports.ts';
import { requireActor } from '../auth.ts';
import { problemSchema } from '../../contracts/common.ts';
import { guardByTable } from '../authorization-table.ts';

const security: { [label: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }];
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

const ratioSchema = z.object({
  numerator: z.number().int(),
  denominator: z.number().int(),
  value: z.number().nullable(),
});

const figuresSchema = z.object({
  carriedOver: z.number().int(),
  received: z.object({ total: z.number(), online: z.number(), counter: z.number(), postal: z.number() }),
  total: z.number().int(),
  resolved: z.object({ total: z.number(), early: z.number(), onTime: z.number(), late: z.number() }),
  inProgress: z.object({ total: z.number(), notDue: z.number(), overdue: z.number(), paused: z.number() }),
  refused: z.number().int(),
  withdrawn: z.number().int(),
  onTimeRate: ratioSchema,
});

const processingSchema = z.object({
  unit: z.object({ code: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  descendants: z.boolean(),
  groupBy: z.enum(['unit', 'field', 'procedure']).nullable(),
  asOf: z.string(),
  totals: figuresSchema,
  rows: z.array(figuresSchema.extend({ key: z.record(z.string(), z.string()) })),
});

const dashboardSchema = z.object({
  unit: z.object({ code: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  asOf: z.string(),
  totals: figuresSchema,
  onlineRate: ratioSchema,
  cashlessRate: ratioSchema,
  satisfaction: z.object({
    rate: ratioSchema,
    levels: z.object({
      very_satisfied: z.number().int(),
      satisfied: z.number().int(),
      neutral: z.number().int(),
      not_satisfied: z.number().int(),
    }),
  }),
  months: z.array(
    z.object({
      month: z.string(),
      received: figuresSchema.shape.received,
      resolved: figuresSchema.shape.resolved,
      overdueAtEnd: z.number().int(),
      onlineRate: ratioSchema,
    }),
  ),
  byUnit: z.array(figuresSchema.extend({ unitCode: z.string(), unitName: z.string() })),
  overdueByStep: z.array(z.object({ step: z.string(), count: z.number().int() })),
});

const drillSchema = z.object({
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  items: z.array(
    z.object({
      code: z.string(),
      procedureCode: z.string(),
      procedureName: z.string(),
      unitCode: z.string(),
      unitName: z.string(),
      channel: z.string(),
      status: z.string(),
      step: z.string().nullable(),
      assigneeName: z.string().nullable(),
      receivedAt: z.string(),
      dueAt: z.string(),
      resolvedAt: z.string().nullable(),
      closedAt: z.string().nullable(),
    }),
  ),
});

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
    '/reports/processing',
    {
      schema: {
        tags: ['reports'],
        summary:
          'Processing report of a unit for a period (form 06): carried over, received, resolved, in progress',
        description:
          'Derived from the dossiers’ events up to the period’s end (local dates, Asia/Ho_Chi_Minh, inclusive). ' +
          'total = carriedOver + received.total = resolved.total + refused + withdrawn + inProgress.total; ' +
          'onTimeRate = (early + onTime) / resolved.total. Rows (groupBy) add up to the totals. ' +
          '`format=csv` gives the same report as CSV (UTF-8 with BOM), `format=xlsx` as an Excel workbook in the ' +
          'layout of the official periodic report (form 06, Vietnamese headings), `format=pdf` printable (landscape A4). ' +
          'For leaders, unit administrators and inspectors of the unit.',
        security,
        querystring: z.object({
          unit: z.string().min(1).max(100),
          from: localDate,
          to: localDate,
          descendants: z.enum(['true', 'false']).default('false'),
          groupBy: z.enum(['unit', 'field', 'procedure']).optional(),
          format: z.enum(['json', 'csv', 'xlsx', 'pdf']).default('json'),
        }),
        response: {
          200: processingSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
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
    '/public/units/:code/statistics',
    {
      schema: {
        tags: ['reports', 'public'],
        summary: 'Public transparency figures of a unit and the units below it: this month and this year',
        description:
          'No login and no personal data. For each period: the processing report’s totals (same formulas as ' +
          '`/reports/processing` with descendants), onlineRate = received online / received, ratings by level and ' +
          'satisfactionRate = (very satisfied + satisfied) / ratings given in the period. Recomputed at most once a minute.',
        params: z.object({ code: z.string().min(1).max(100) }),
        response: {
          200: z.object({
            unit: z.object({ code: z.string(), name: z.string() }),
            asOf: z.string(),
            periods: z.array(
              z.object({
                period: z.enum(['month', 'year']),
                from: z.string(),
                to: z.string(),
                totals: figuresSchema,
                onlineRate: ratioSchema,
                ratings: z.object({
                  very_satisfied: z.number().int(),
                  satisfied: z.number().int(),
                  neutral: z.number().int(),
                  not_satisfied: z.number().int(),
                }),
                satisfactionRate: ratioSchema,
              }),
            ),
          }),
          404: problemSchema,
        },
      },
    },
    async (request) => publicStatistics(ctx, request.params.code),
  );

  const scopeQuery = {
    unit: z.string().min(1).max(100),
    from: localDate,
    to: localDate,
    descendants: z.enum(['true', 'false']).default('false'),
  };

  r.get(
    '/reports/dashboard',
    {
      schema: {
        tags: ['reports'],
        summary:
          'Leader dashboard: the processing report by month and by unit, online, cashless and satisfaction rates',
        description:
          'Same figures and rules as `/reports/processing`, for the unit (and its descendants) and period: ' +
          '`months` (received by channel, resolved by timeliness, overdue at each month’s end), `byUnit`, ' +
          '`onlineRate` = received online / received, `cashlessRate` = fees paid by gateway or transfer / fees paid, ' +
          '`satisfaction.rate` = (very satisfied + satisfied) / ratings given, `overdueByStep` (the step each overdue ' +
          'dossier is at now). Every rate has its numerator and denominator.',
        security,
        querystring: z.object(scopeQuery),
        response: {
          200: dashboardSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
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
    '/reports/processing/dossiers',
    {
      schema: {
        tags: ['reports'],
        summary: 'The dossiers behind one figure of the processing report (drill-down)',
        description:
          '`category` names the figure (`received.online`, `resolved.late`, `inProgress.overdue`, …); the list has ' +
          'exactly as many dossiers as the figure (`total`). `unitCode` narrows to one receiving unit of the scope. ' +
          '`format=xlsx` downloads the whole list as an Excel sheet.',
        security,
        querystring: z.object({
          ...scopeQuery,
          category: z.enum(DRILL_CATEGORIES),
          unitCode: z.string().min(1).max(100).optional(),
          limit: z.coerce.number().int().min(0).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
          format: z.enum(['json', 'xlsx']).default('json'),
        }),
        response: {
          200: drillSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
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

  const tableReportSchema = z.object({
    kind: z.enum(TABLE_REPORT_KINDS),
    title: z.string(),
    unit: z.object({ code: z.string(), name: z.string() }),
    from: z.string(),
    to: z.string(),
    descendants: z.boolean(),
    groupBy: z.string(),
    asOf: z.string(),
    columns: z.array(
      z.object({
        key: z.string(),
        vi: z.string(),
        en: z.string(),
        kind: z.enum(['count', 'amount', 'rate']),
        current: z.boolean().optional(),
      }),
    ),
    totals: z.record(z.string(), z.union([z.number(), ratioSchema]).nullable()),
    rows: z.array(
      z.object({
        key: z.object({ code: z.string(), name: z.string() }),
        figures: z.record(z.string(), z.union([z.number(), ratioSchema]).nullable()),
      }),
    ),
  });
  const TABLE_DESCRIPTIONS: Record<TableReportKind, string> = {
    ratings:
      'Ratings given in the period by level; satisfactionRate = (very satisfied + satisfied) / ratings. By unit, ' +
      'officer (the officer who received the dossier), procedure or field.',
    online:
      'onlineRate = received online / received; cashlessRate = fees paid by gateway or bank transfer / fees paid ' +
      '(counted when paid; a later refund does not rewrite the period); amounts in đồng.',
    postal:
      'Public postal service (BCCI): dossiers received by post and results returned by post, each with its share.',
    digitization:
      'receptionDigitizedRate = dossiers received digitised (online, or every component scanned at reception) / ' +
      'received; resultDigitizedRate = dossiers whose result is electronic (a result file attached, or returned ' +
      'online) / resolved.',
    officers:
      'Per officer: dossiers received, steps finished by timeliness against the step’s share of the time limit ' +
      '(credited to the step’s assignee, else to who finished it), stepOnTimeRate = (early + on time) / steps, ' +
      'results, supplement requests, apologies, ratings. inHandNow and overdueNow are the dossiers assigned now ' +
      '(only for a period that includes today, else null). Imported history is credited to nobody (a row with an ' +
      'empty code).',
    feedback:
      'Feedback and complaints: received, answered (on time = by its due date) in the period, and still ' +
      'unanswered at its end (overdue when past the due date). By unit, category or source.',
    assisted:
      'Online applications submitted for citizens by community digital technology teams (role `assistant`, with ' +
      'the citizen’s consent recorded), submitted in the period, of the teams of the unit(s): submitted, distinct ' +
      'citizens, accepted or refused by the receiving unit, awaiting reception now; acceptedRate = accepted / ' +
      '(accepted + refused). By team (default), village, the team’s unit, or assistant (`groupBy=officer`).',
    'service-days':
      'No-appointment days (ngày không hẹn) and no-writing days (ngày không viết) scheduled in the period, per unit: ' +
      'dossiers of same-day procedures received on a no-appointment day and how many were resolved that same day ' +
      '(sameDayResolvedRate = resolved the same day / received), and dossiers received at the counter on a ' +
      'no-writing day.',
  };
  for (const kind of TABLE_REPORT_KINDS) {
    const spec = TABLE_REPORTS[kind];
    r.get(
      `/reports/${kind}`,
      {
        schema: {
          tags: ['reports'],
          summary: `${spec.title.en} report of a unit for a period`,
          description:
            `${TABLE_DESCRIPTIONS[kind]} Same scope rules as \`/reports/processing\` (local dates, inclusive; ` +
            'the unit and, with descendants, the units below it). Every rate is {numerator, denominator, value}. ' +
            '`format=csv` (UTF-8 with BOM) or `format=xlsx` downloads the same table with Vietnamese headings. ' +
            'For leaders, unit administrators and inspectors of the unit.',
          security,
          querystring: z.object({
            ...scopeQuery,
            groupBy: z.enum(spec.groupBy as [TableGroupBy, ...TableGroupBy[]]).optional(),
            format: z.enum(['json', 'csv', 'xlsx']).default('json'),
          }),
          response: {
            200: tableReportSchema,
            400: problemSchema,
            401: problemSchema,
            403: problemSchema,
            404: problemSchema,
          },
        },
      },
      async (request, reply) => {
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
      },
    );
  }

  const ratioOrNull = ratioSchema.nullable();
  const indexSchema = z.object({
    unit: z.object({ code: z.string(), name: z.string() }),
    from: z.string(),
    to: z.string(),
    asOf: z.string(),
    rules: z.object({ effectiveFrom: z.string(), source: z.string() }),
    groups: z.array(
      z.object({
        group: z.string(),
        name: z.string(),
        maxPoints: z.number(),
        points: z.number(),
        scoredMaxPoints: z.number(),
        indicators: z.array(
          z.object({
            code: z.string(),
            group: z.string(),
            name: z.string(),
            formula: z.string(),
            maxPoints: z.number(),
            target: z.number(),
            input: z.enum(['system', 'manual']),
            ratio: ratioOrNull,
            points: z.number().nullable(),
            status: z.enum(['scored', 'no_data', 'manual_missing']),
            recorded: z.object({ by: z.string(), at: z.string(), note: z.string().nullable() }).nullable(),
          }),
        ),
      }),
    ),
    total: z.object({ points: z.number(), maxPoints: z.number(), scoredMaxPoints: z.number() }),
  });

  r.get(
    '/reports/index',
    {
      schema: {
        tags: ['reports'],
        summary: 'Service-quality index (Decision 766/QĐ-TTg) of a unit and the units below it for a period',
        description:
          'Five groups, 100 points. Each indicator gives its formula, numerator, denominator, value, points and ' +
          'maximum points; points = max × min(1, value / target). Indicators the system cannot count (`input: manual`) ' +
          'score only once recorded with `PUT /reports/index/inputs` (audited): until then `status: manual_missing` and ' +
          '`points: null`, never a silent zero. `total.scoredMaxPoints` is the maximum of what could be scored.',
        security,
        querystring: z.object({ unit: z.string().min(1).max(100), from: localDate, to: localDate }),
        response: {
          200: indexSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request) => serviceIndex(ctx, requireActor(request), request.query),
  );

  r.put(
    '/reports/index/inputs',
    {
      schema: {
        tags: ['reports'],
        summary: 'Record a manual input of the service-quality index (with its source), audited',
        description:
          'For an indicator with `input: manual` (e.g. CK1 procedures published on time, CK4 dossiers synchronised ' +
          'to the national portal, SH3 reuse of digitised data): numerator, denominator and a note naming the source. ' +
          'Replaces an earlier value for the same unit, period and indicator; both are kept in the audit log. ' +
          'Leaders and administrators of the unit.',
        security,
        body: indexInputSchema,
        response: {
          204: z.null(),
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
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
