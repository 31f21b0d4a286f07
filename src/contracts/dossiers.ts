/**
 * The dossiers context's operations: reception (intake, bundles, slips, saved applicants), processing
 * (list, view, actions, printed forms, the logbook), import and export of history, and the public
 * tracking page of a dossier.
 */
import { z } from 'zod';
import { processingTimeSchema } from '../domain/catalog/procedure.ts';
import {
  bundleSchema,
  idNumberSchema,
  intakeSchema,
  phoneSchema,
  submittedDocumentSchema,
} from '../domain/reception/intake.ts';
import { ACTION_TYPES } from '../domain/workflow/definition.ts';
import { explanationEntrySchema } from './calendar.ts';
import { localDateSchema, problemSchema, staffSecurity } from './common.ts';
import { ratingViewSchema } from './feedback.ts';
import { defineContract, operation } from './operation.ts';
import { assistedSchema } from './staff.ts';

const unitRef = z.object({ code: z.string(), name: z.string() });

export const timelinessSchema = z.union([
  z.object({ kind: z.literal('resolved'), value: z.enum(['early', 'on_time', 'late']) }),
  z.object({ kind: z.literal('in_progress'), value: z.enum(['not_due', 'due_soon', 'overdue', 'paused']) }),
  z.object({ kind: z.literal('closed') }),
]);

/**
 * How much time an open dossier has left, computed by the server at request time with the working
 * calendar of its receiving unit (weekends, holidays and make-up days, sessions):
 * - `state`: `running` (before its due moment), `overdue` (past it), `paused` (waiting for the
 *   applicant: the clock stands still), `closed` (resolved, returned, refused, withdrawn, cancelled).
 * - `workingMinutes`: working minutes from now to the due moment (`running` only, else 0).
 * - `workingDays`: working days after today up to and including the due day; 0 when the due moment
 *   is today (`running` only, else 0).
 * - `lateMinutes`: clock minutes since the due moment (`overdue` only, else 0).
 */
export const timeLeftSchema = z.object({
  state: z.enum(['running', 'overdue', 'paused', 'closed']),
  workingMinutes: z.number(),
  workingDays: z.number(),
  lateMinutes: z.number(),
});

/**
 * A document as the dossier keeps it: what was submitted, with its name from the procedure's
 * checklist. The view sends `documents` as stored (not re-validated: imported history has none).
 */
export const storedDocumentSchema = submittedDocumentSchema.extend({ name: z.string().optional() });

export const dossierStepViewSchema = z.object({
  step: z.string(),
  stepName: z.string(),
  unitCode: z.string().nullable(),
  assigneeId: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  deadline: z.string(),
  timeliness: z.string().nullable(),
});

export const dossierEventViewSchema = z.object({
  seq: z.number(),
  type: z.string(),
  at: z.string(),
  actorName: z.string().nullable(),
  step: z.string().nullable(),
  payload: z.unknown(),
});

/** One dossier as staff see it: status, clock, timeliness, history and the caller's allowed actions. */
export const dossierViewSchema = z.object({
  code: z.string(),
  status: z.string(),
  step: z.string().nullable(),
  stepName: z.string().nullable(),
  version: z.number(),
  channel: z.string(),
  procedure: z.object({
    code: z.string(),
    name: z.string(),
    version: z.number(),
    processingTime: processingTimeSchema,
  }),
  receivingUnit: unitRef,
  currentUnit: unitRef,
  /** As received (an applicant object; empty for imported history). */
  applicant: z.unknown(),
  /** As received: `StoredDocument[]` (index, form, copies, name). */
  documents: z.unknown(),
  formData: z.unknown(),
  resultDelivery: z.string(),
  receivedAt: z.string(),
  dueAt: z.string(),
  appointmentAt: z.string(),
  originalDueAt: z.string(),
  extended: z.boolean(),
  paused: z.boolean(),
  pausedMinutes: z.number(),
  resolvedAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  timeliness: timelinessSchema,
  timeLeft: timeLeftSchema,
  assigneeId: z.string().nullable(),
  steps: z.array(dossierStepViewSchema),
  events: z.array(dossierEventViewSchema),
  allowedActions: z.array(z.object({ type: z.string(), label: z.string(), to: z.string().nullable() })),
  /** The other dossiers of a linked bundle submitted together; empty when received alone. */
  bundle: z.array(z.object({ code: z.string(), procedureCode: z.string(), status: z.string() })),
  /** An online dossier a community digital team member submitted for the citizen: who, and the consent. */
  assisted: assistedSchema.nullable().optional(),
  /** How the due date given at reception was computed (skipped weekends and holidays, by name). */
  dueExplanation: z.array(explanationEntrySchema),
});

export const dossierListQuerySchema = z.object({
  status: z.string().max(30).optional(),
  step: z.string().max(50).optional(),
  assignee: z
    .union([z.literal('me'), z.uuid()])
    .optional()
    .describe("'me' or a user id"),
  unit: z.string().max(40).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const dossierListItemSchema = z.object({
  code: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  /** Name of the current step in the dossier's process (Vietnamese), null when closed. */
  stepName: z.string().nullable(),
  assigneeId: z.string().nullable(),
  applicantName: z.string(),
  status: z.string(),
  step: z.string().nullable(),
  receivingUnitCode: z.string(),
  currentUnitCode: z.string(),
  receivedAt: z.string(),
  dueAt: z.string(),
  appointmentAt: z.string(),
  paused: z.boolean(),
  version: z.number(),
  timeLeft: timeLeftSchema,
});

export const actionBodySchema = z.looseObject({
  action: z.enum(ACTION_TYPES),
  expectedVersion: z.number().int().min(1),
  note: z.string().max(2000).optional(),
});

export const SLIP_ITEM_FORMS = ['original', 'certified_copy', 'photocopy'] as const;

/** A slip issued at the counter without receiving: guidance to complete (Mẫu 02) or refusal (Mẫu 03). */
export const slipSchema = z
  .object({
    kind: z.enum(['guidance', 'refusal']),
    unitCode: z.string().trim().min(1),
    procedureCode: z.string().trim().min(1),
    applicant: z.object({
      fullName: z.string().trim().min(2).max(200),
      idNumber: idNumberSchema.optional(),
      phone: phoneSchema.optional(),
      email: z.email().optional(),
      address: z.string().trim().max(500).optional(),
      organization: z.string().trim().max(300).optional(),
    }),
    items: z
      .array(
        z.object({
          document: z.string().trim().min(1).max(1000),
          form: z.enum(SLIP_ITEM_FORMS).default('original'),
          note: z.string().max(500).optional(),
        }),
      )
      .max(50)
      .default([]),
    reason: z.string().trim().min(3, 'Cần ghi rõ lý do').max(3000),
  })
  .refine((s) => s.kind === 'refusal' || s.items.length > 0, {
    message: 'Phiếu hướng dẫn phải liệt kê đầy đủ giấy tờ cần bổ sung',
    path: ['items'],
  });

export const importSummarySchema = z.object({
  dryRun: z.boolean(),
  lines: z.number().int(),
  imported: z.number().int(),
  skipped: z.number().int(),
  invalid: z.number().int(),
  batches: z.object({ committed: z.number().int(), rejected: z.number().int() }),
  errors: z.array(z.object({ line: z.number().int(), path: z.string(), message: z.string() })),
});

export const trackQuerySchema = z.object({
  phone: z.string().max(20).optional(),
  idNumber: z.string().max(20).optional(),
});

/** What anybody holding the receipt may see of a dossier: no personal data but the masked name. */
export const trackResultSchema = z.object({
  code: z.string(),
  procedure: unitRef,
  receivingUnit: unitRef,
  currentUnit: unitRef,
  status: z
    .string()
    .describe('A dossier status, or `submitted` / `not_accepted` for an online application not yet received'),
  /** Null while an online application waits for acceptance. */
  receivedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  appointmentAt: z.string().nullable(),
  submittedAt: z.string().nullable().optional(),
  extended: z.boolean(),
  resultReady: z.boolean(),
  resolvedAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  applicantMasked: z.string(),
  steps: z.array(
    z.object({
      stepName: z.string(),
      unitName: z.string(),
      startedAt: z.string(),
      endedAt: z.string().nullable(),
    }),
  ),
  verified: z.boolean(),
  /** The applicant's satisfaction rating, once given. */
  rating: ratingViewSchema.nullable(),
  /** True when the dossier was returned, the second factor matched and no rating was given yet. */
  canRate: z.boolean(),
  /** Only when the second factor matched. */
  supplementRequests: z
    .array(
      z.object({
        at: z.string(),
        reason: z.string(),
        items: z.array(z.object({ document: z.string(), form: z.string().optional() })),
      }),
    )
    .optional(),
});

const codeParams = z.object({ code: z.string().max(80) });
const exportDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const dossiersContract = defineContract('dossiers', {
  receive: operation('POST /dossiers', {
    summary: 'Receive a dossier (counter, online or postal intake)',
    description:
      'With an `Idempotency-Key` header the same key and body return the same dossier (201 again, with `Idempotent-Replayed: true`); the same key with another body → 422 `idempotency_key_reused`. An incomplete dossier → 422 `incomplete_dossier` listing what is missing (issue Mẫu 02 instead); a procedure the unit does not handle → 422 `procedure_not_handled`.',
    security: staffSecurity,
    headers: z.object({ 'idempotency-key': z.string().min(8).max(200).optional() }),
    body: intakeSchema,
    response: { 201: dossierViewSchema, 400: problemSchema, 403: problemSchema, 422: problemSchema },
  }),
  receiveBundle: operation('POST /dossiers/bundles', {
    summary:
      'Receive linked procedures submitted once (e.g. death registration + residence + funeral allowance)',
    description:
      'One dossier per procedure, sharing a bundle id and tracked together (`bundle` on each dossier); all or none are received.',
    security: staffSecurity,
    body: bundleSchema,
    response: {
      201: z.object({ bundleId: z.string(), dossiers: z.array(dossierViewSchema) }),
      400: problemSchema,
      403: problemSchema,
      422: problemSchema,
    },
  }),
  list: operation('GET /dossiers', {
    summary: 'Dossiers in the caller’s scope, newest first (keyset cursor)',
    security: staffSecurity,
    querystring: dossierListQuerySchema,
    response: {
      200: z.object({ items: z.array(dossierListItemSchema), nextCursor: z.string().nullable() }),
    },
  }),
  get: operation('GET /dossiers/:code', {
    summary: 'One dossier: status, clock, timeliness, events and the actions allowed to the caller',
    security: staffSecurity,
    params: codeParams,
    response: { 200: dossierViewSchema, 404: problemSchema },
  }),
  act: operation('POST /dossiers/:code/actions', {
    summary: 'Take an action on a dossier',
    description:
      'Body: `{"action", "expectedVersion", "note"?, …payload}`. A stale expectedVersion → 409 `version_conflict`; an action not allowed from the current step → 422 `illegal_transition`; a role the caller lacks → 403; a dossier outside the caller’s units → 404.',
    security: staffSecurity,
    params: codeParams,
    body: actionBodySchema,
    response: {
      200: dossierViewSchema,
      403: problemSchema,
      404: problemSchema,
      409: problemSchema,
      422: problemSchema,
    },
  }),
  form: operation('GET /dossiers/:code/forms/:file', {
    summary: 'A legal form of the dossier as PDF',
    description:
      '`01.pdf` receipt and appointment slip (with a QR code to the public tracking page); `02.pdf` request to supplement (after request_supplement); `04.pdf` apology and new appointment (after extend); `05.pdf` control sheet of every hand-off. 404 `form_not_applicable` when the form does not apply yet.',
    security: staffSecurity,
    params: z.object({
      code: z.string().max(80),
      file: z.enum(['01.pdf', '02.pdf', '04.pdf', '05.pdf']),
    }),
  }),
  logbook: operation('GET /reports/logbook', {
    summary: 'The logbook (Sổ theo dõi hồ sơ, Mẫu 06) of a unit for a period, as PDF or Excel',
    security: staffSecurity,
    querystring: z.object({
      unit: z.string().max(40),
      from: localDateSchema,
      to: localDateSchema,
      format: z.enum(['pdf', 'xlsx']).default('pdf'),
    }),
  }),
  applicant: operation('GET /reception/applicants/:idNumber', {
    summary:
      'The applicant details of the latest dossier with this ID number in the caller’s units (to reuse at reception)',
    security: staffSecurity,
    params: z.object({ idNumber: z.string().regex(/^(\d{9}|\d{12})$/) }),
    response: { 200: z.object({ applicant: z.unknown() }), 404: problemSchema },
  }),
  issueSlip: operation('POST /reception/slips', {
    summary:
      'Issue a slip at the counter without receiving: guidance to complete (Mẫu 02) or refusal (Mẫu 03)',
    security: staffSecurity,
    body: slipSchema,
    response: {
      201: z.object({
        id: z.string(),
        number: z.string(),
        kind: z.enum(['guidance', 'refusal']),
        createdAt: z.string(),
      }),
      400: problemSchema,
      403: problemSchema,
    },
  }),
  slipPdf: operation('GET /reception/slips/:id/pdf', {
    summary: 'The printed slip (Mẫu 02 or Mẫu 03)',
    security: staffSecurity,
    params: z.object({ id: z.uuid() }),
  }),
  import: operation('POST /admin/import/dossiers', {
    summary: 'Import dossiers from another system (NDJSON, one dossier per line)',
    description:
      'Body: `application/x-ndjson`, one JSON object per line: `{"code","procedureCode","unitCode",' +
      '"channel":"online|counter|postal","receivedAt","dueAt","pauses":[{"from","to"}],' +
      '"outcome":null|{"kind":"resolved|refused|withdrawn","at"},"extendedDueAt","returnedAt",' +
      '"payment":null|{"method":"online|transfer|cash","amount"},"rating":null|"very_satisfied|satisfied|neutral|unsatisfied",' +
      '"digitized":{"dossier","result"}}` (times ISO 8601 with offset; `dueAt` is the due time in force). ' +
      'Each dossier becomes events like any other. Lines are written in batches (`batchSize`, default 1000), ' +
      'each all-or-nothing: a batch with a bad line is not written and its errors are listed by line and field. ' +
      'Codes already present are skipped, so sending the same file again resumes and never duplicates. ' +
      '`dryRun=true` checks only. For system administrators, and unit administrators for their units.',
    security: staffSecurity,
    querystring: z.object({
      dryRun: z.enum(['true', 'false']).default('false'),
      batchSize: z.coerce.number().int().min(1).max(10_000).default(1000),
    }),
    response: { 200: importSummarySchema, 401: problemSchema, 403: problemSchema, 415: problemSchema },
  }),
  export: operation('GET /admin/export/dossiers', {
    summary: 'Export the dossiers received in a period (NDJSON, the import format)',
    description:
      'One JSON object per line, in the format `POST /admin/import/dossiers` reads, rebuilt from each dossier’s ' +
      'events: importing an export elsewhere gives the same report figures. `unit` limits to one receiving unit. ' +
      'For system administrators, unit administrators and inspectors.',
    security: staffSecurity,
    querystring: z.object({
      from: exportDate,
      to: exportDate,
      unit: z.string().min(1).max(100).optional(),
    }),
    response: { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
  }),
  track: operation('GET /public/track/:code', {
    summary:
      'Track a dossier by its code (no login); with the applicant’s phone or ID number, also what was requested',
    description:
      'No personal data but the masked name. An unknown code and a wrong second factor give the same 404 `not_found`. Rate-limited per IP address (429 `rate_limited`).',
    params: z.object({ code: z.string().min(3).max(80) }),
    querystring: trackQuerySchema,
    response: { 200: trackResultSchema, 404: problemSchema, 429: problemSchema },
  }),
});

export type DossierView = z.output<typeof dossierViewSchema>;
export type DossierListItem = z.output<typeof dossierListItemSchema>;
export type StoredDocument = z.output<typeof storedDocumentSchema>;
export type TimeLeft = z.output<typeof timeLeftSchema>;
export type Timeliness = z.output<typeof timelinessSchema>;
export type SlipInput = z.output<typeof slipSchema>;
export type ImportSummary = z.output<typeof importSummarySchema>;
export type TrackQuery = z.output<typeof trackQuerySchema>;
export type TrackResult = z.output<typeof trackResultSchema>;
