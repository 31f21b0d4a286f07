/**
 * The statistics context's operations: the processing report (form 06) and the dossiers behind each
 * figure, the leader dashboard, the table reports besides form 06, the service-quality index, and a
 * unit's public transparency figures.
 */
import { z } from 'zod';
import {
  TABLE_REPORT_KINDS,
  TABLE_REPORTS,
  type TableGroupBy,
  type TableReportKind,
} from '../domain/statistics/table-reports.ts';
import { problemSchema, staffSecurity } from './common.ts';
import { defineContract, operation } from './operation.ts';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const unitRef = z.object({ code: z.string(), name: z.string() });
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

/** Every rate: what was counted over what, and the value (null when the denominator is 0). */
export const ratioSchema = z.object({
  numerator: z.number().int(),
  denominator: z.number().int(),
  value: z.number().nullable(),
});

/** The figures of the processing report (src/domain/statistics/processing.ts). */
export const figuresSchema = z.object({
  carriedOver: z.number().int(),
  received: z.object({ total: z.number(), online: z.number(), counter: z.number(), postal: z.number() }),
  total: z.number().int(),
  resolved: z.object({ total: z.number(), early: z.number(), onTime: z.number(), late: z.number() }),
  inProgress: z.object({ total: z.number(), notDue: z.number(), overdue: z.number(), paused: z.number() }),
  refused: z.number().int(),
  withdrawn: z.number().int(),
  onTimeRate: ratioSchema,
});

const levelsSchema = z.object({
  very_satisfied: z.number().int(),
  satisfied: z.number().int(),
  neutral: z.number().int(),
  not_satisfied: z.number().int(),
});

export const processingReportSchema = z.object({
  unit: unitRef,
  from: z.string(),
  to: z.string(),
  descendants: z.boolean(),
  groupBy: z.enum(['unit', 'field', 'procedure']).nullable(),
  asOf: z.string(),
  totals: figuresSchema,
  rows: z.array(figuresSchema.extend({ key: z.record(z.string(), z.string()) })),
});

export const publicStatisticsSchema = z.object({
  unit: unitRef,
  asOf: z.string(),
  periods: z.array(
    z.object({
      period: z.enum(['month', 'year']),
      from: z.string(),
      to: z.string(),
      totals: figuresSchema,
      /** Received online / received in the period. */
      onlineRate: ratioSchema,
      /** Ratings given in the period, by level; satisfied = very satisfied + satisfied. */
      ratings: levelsSchema,
      satisfactionRate: ratioSchema,
    }),
  ),
});

export const dashboardSchema = z.object({
  unit: unitRef,
  from: z.string(),
  to: z.string(),
  asOf: z.string(),
  totals: figuresSchema,
  onlineRate: ratioSchema,
  /** Fees paid without cash (gateway, bank transfer) among all fees paid in the period. */
  cashlessRate: ratioSchema,
  /** Satisfied or very satisfied among the ratings given in the period. */
  satisfaction: z.object({ rate: ratioSchema, levels: levelsSchema }),
  months: z.array(
    z.object({
      /** YYYY-MM */
      month: z.string(),
      received: figuresSchema.shape.received,
      resolved: figuresSchema.shape.resolved,
      overdueAtEnd: z.number().int(),
      onlineRate: ratioSchema,
    }),
  ),
  byUnit: z.array(figuresSchema.extend({ unitCode: z.string(), unitName: z.string() })),
  /** Overdue at the end of the period by the step they are at now. */
  overdueByStep: z.array(z.object({ step: z.string(), count: z.number().int() })),
});

/** Figures a leader can open as the list of dossiers behind them. */
export const DRILL_CATEGORIES = [
  'carriedOver',
  'received',
  'received.online',
  'received.counter',
  'received.postal',
  'resolved',
  'resolved.early',
  'resolved.onTime',
  'resolved.late',
  'refused',
  'withdrawn',
  'inProgress',
  'inProgress.notDue',
  'inProgress.overdue',
  'inProgress.paused',
] as const;
export type DrillCategory = (typeof DRILL_CATEGORIES)[number];

export const drillItemSchema = z.object({
  code: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  channel: z.string(),
  status: z.string(),
  step: z.string().nullable(),
  /** The officer the dossier is assigned to now (who answers for an overdue one). */
  assigneeName: z.string().nullable(),
  receivedAt: z.string(),
  dueAt: z.string(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});

export const drillSchema = z.object({
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  items: z.array(drillItemSchema),
});

const figureSchema = z.union([z.number(), ratioSchema]).nullable();

export const tableReportSchema = z.object({
  kind: z.enum(TABLE_REPORT_KINDS),
  title: z.string(),
  unit: unitRef,
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
  totals: z.record(z.string(), figureSchema),
  rows: z.array(
    z.object({
      key: unitRef,
      figures: z.record(z.string(), figureSchema),
    }),
  ),
});

const ratioOrNull = ratioSchema.nullable();
export const serviceIndexSchema = z.object({
  unit: unitRef,
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

export const indexInputSchema = z
  .object({
    unit: z.string().min(1).max(100),
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
    to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
    indicator: z.string().min(1).max(20),
    numerator: z.number().int().min(0),
    denominator: z.number().int().min(1),
    note: z.string().trim().min(1, 'Cần ghi nguồn số liệu').max(2000),
  })
  .refine((v) => v.numerator <= v.denominator, {
    path: ['numerator'],
    message: 'Tử số không lớn hơn mẫu số',
  });

/** A unit (and, with descendants, the units below it) for local dates from..to, inclusive. */
const scopeQuery = {
  unit: z.string().min(1).max(100),
  from: localDate,
  to: localDate,
  descendants: z.enum(['true', 'false']).default('false'),
};

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

/** `GET /reports/{kind}`: one of the table reports, with the groupings its spec offers. */
function tableReportOperation<const K extends TableReportKind>(kind: K) {
  const spec = TABLE_REPORTS[kind];
  return operation(`GET /reports/${kind}`, {
    summary: `${spec.title.en} report of a unit for a period`,
    description:
      `${TABLE_DESCRIPTIONS[kind]} Same scope rules as \`/reports/processing\` (local dates, inclusive; ` +
      'the unit and, with descendants, the units below it). Every rate is {numerator, denominator, value}. ' +
      '`format=csv` (UTF-8 with BOM) or `format=xlsx` downloads the same table with Vietnamese headings. ' +
      'For leaders, unit administrators and inspectors of the unit.',
    security: staffSecurity,
    querystring: z.object({
      ...scopeQuery,
      groupBy: z.enum(spec.groupBy as [TableGroupBy, ...TableGroupBy[]]).optional(),
      format: z.enum(['json', 'csv', 'xlsx']).default('json'),
    }),
    response: { 200: tableReportSchema, ...errors },
  });
}

export const statisticsContract = defineContract('statistics', {
  processing: operation('GET /reports/processing', {
    summary:
      'Processing report of a unit for a period (form 06): carried over, received, resolved, in progress',
    description:
      'Derived from the dossiers’ events up to the period’s end (local dates, Asia/Ho_Chi_Minh, inclusive). ' +
      'total = carriedOver + received.total = resolved.total + refused + withdrawn + inProgress.total; ' +
      'onTimeRate = (early + onTime) / resolved.total. Rows (groupBy) add up to the totals. ' +
      '`format=csv` gives the same report as CSV (UTF-8 with BOM), `format=xlsx` as an Excel workbook in the ' +
      'layout of the official periodic report (form 06, Vietnamese headings), `format=pdf` printable (landscape A4). ' +
      'For leaders, unit administrators and inspectors of the unit.',
    security: staffSecurity,
    querystring: z.object({
      ...scopeQuery,
      groupBy: z.enum(['unit', 'field', 'procedure']).optional(),
      format: z.enum(['json', 'csv', 'xlsx', 'pdf']).default('json'),
    }),
    response: { 200: processingReportSchema, ...errors },
  }),
  publicStatistics: operation('GET /public/units/:code/statistics', {
    summary: 'Public transparency figures of a unit and the units below it: this month and this year',
    description:
      'No login and no personal data. For each period: the processing report’s totals (same formulas as ' +
      '`/reports/processing` with descendants), onlineRate = received online / received, ratings by level and ' +
      'satisfactionRate = (very satisfied + satisfied) / ratings given in the period. Recomputed at most once a minute.',
    params: z.object({ code: z.string().min(1).max(100) }),
    response: { 200: publicStatisticsSchema, 404: problemSchema },
  }),
  dashboard: operation('GET /reports/dashboard', {
    summary:
      'Leader dashboard: the processing report by month and by unit, online, cashless and satisfaction rates',
    description:
      'Same figures and rules as `/reports/processing`, for the unit (and its descendants) and period: ' +
      '`months` (received by channel, resolved by timeliness, overdue at each month’s end), `byUnit`, ' +
      '`onlineRate` = received online / received, `cashlessRate` = fees paid by gateway or transfer / fees paid, ' +
      '`satisfaction.rate` = (very satisfied + satisfied) / ratings given, `overdueByStep` (the step each overdue ' +
      'dossier is at now). Every rate has its numerator and denominator.',
    security: staffSecurity,
    querystring: z.object(scopeQuery),
    response: { 200: dashboardSchema, ...errors },
  }),
  drill: operation('GET /reports/processing/dossiers', {
    summary: 'The dossiers behind one figure of the processing report (drill-down)',
    description:
      '`category` names the figure (`received.online`, `resolved.late`, `inProgress.overdue`, …); the list has ' +
      'exactly as many dossiers as the figure (`total`). `unitCode` narrows to one receiving unit of the scope. ' +
      '`format=xlsx` downloads the whole list as an Excel sheet.',
    security: staffSecurity,
    querystring: z.object({
      ...scopeQuery,
      category: z.enum(DRILL_CATEGORIES),
      unitCode: z.string().min(1).max(100).optional(),
      limit: z.coerce.number().int().min(0).max(500).default(50),
      offset: z.coerce.number().int().min(0).default(0),
      format: z.enum(['json', 'xlsx']).default('json'),
    }),
    response: { 200: drillSchema, ...errors },
  }),
  ratings: tableReportOperation('ratings'),
  online: tableReportOperation('online'),
  postal: tableReportOperation('postal'),
  digitization: tableReportOperation('digitization'),
  officers: tableReportOperation('officers'),
  feedback: tableReportOperation('feedback'),
  assisted: tableReportOperation('assisted'),
  serviceDays: tableReportOperation('service-days'),
  index: operation('GET /reports/index', {
    summary: 'Service-quality index (Decision 766/QĐ-TTg) of a unit and the units below it for a period',
    description:
      'Five groups, 100 points. Each indicator gives its formula, numerator, denominator, value, points and ' +
      'maximum points; points = max × min(1, value / target). Indicators the system cannot count (`input: manual`) ' +
      'score only once recorded with `PUT /reports/index/inputs` (audited): until then `status: manual_missing` and ' +
      '`points: null`, never a silent zero. `total.scoredMaxPoints` is the maximum of what could be scored.',
    security: staffSecurity,
    querystring: z.object({ unit: z.string().min(1).max(100), from: localDate, to: localDate }),
    response: { 200: serviceIndexSchema, ...errors },
  }),
  recordIndexInput: operation('PUT /reports/index/inputs', {
    summary: 'Record a manual input of the service-quality index (with its source), audited',
    description:
      'For an indicator with `input: manual` (e.g. CK1 procedures published on time, CK4 dossiers synchronised ' +
      'to the national portal, SH3 reuse of digitised data): numerator, denominator and a note naming the source. ' +
      'Replaces an earlier value for the same unit, period and indicator; both are kept in the audit log. ' +
      'Leaders and administrators of the unit.',
    security: staffSecurity,
    body: indexInputSchema,
    response: { 204: z.null(), ...errors },
  }),
});

/** The table reports' operations by report kind (`/reports/{kind}`). */
export const tableReportOperations = {
  ratings: statisticsContract.ratings,
  online: statisticsContract.online,
  postal: statisticsContract.postal,
  digitization: statisticsContract.digitization,
  officers: statisticsContract.officers,
  feedback: statisticsContract.feedback,
  assisted: statisticsContract.assisted,
  'service-days': statisticsContract.serviceDays,
} as const satisfies Record<TableReportKind, { route: `GET /reports/${string}` }>;

export type PublicStatistics = z.output<typeof publicStatisticsSchema>;
export type PublicPeriodFigures = PublicStatistics['periods'][number];
export type Dashboard = z.output<typeof dashboardSchema>;
export type DashboardMonth = Dashboard['months'][number];
export type DrillItem = z.output<typeof drillItemSchema>;
export type IndexInputBody = z.output<typeof indexInputSchema>;
export type TableReport = z.output<typeof tableReportSchema>;
