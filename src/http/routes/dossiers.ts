import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/errors.ts';
import { bundleSchema, intakeSchema } from '../../domain/reception/intake.ts';
import { ACTION_TYPES } from '../../domain/workflow/definition.ts';
import type { Config } from '../../config.ts';
import type { ServiceContext } from '../../services/platform/index.ts';
import { renderDossierForm, renderLogbook } from '../../services/dossiers/index.ts';
import { issueSlip, renderSlip, slipSchema } from '../../services/dossiers/index.ts';
import { requireUnit } from '../../services/access/index.ts';
import { explanationEntrySchema } from '../../contracts/calendar.ts';
import { localDateSchema } from '../../contracts/common.ts';
import {
  actOnDossier,
  findApplicant,
  getDossierView,
  listDossiers,
  receiveBundle,
  receiveDossier,
} from '../../services/dossiers/index.ts';
import { metaOf, requireActor, requireRolesForUnit } from '../auth.ts';
import { assistedSchema } from './applications.ts';
import { problemSchema } from '../../contracts/common.ts';
import { guardByTable } from '../authorization-table.ts';

const security: { [label: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }];

const timelinessSchema = z.union([
  z.object({ kind: z.literal('resolved'), value: z.enum(['early', 'on_time', 'late']) }),
  z.object({ kind: z.literal('in_progress'), value: z.enum(['not_due', 'due_soon', 'overdue', 'paused']) }),
  z.object({ kind: z.literal('closed') }),
]);

const unitRef = z.object({ code: z.string(), name: z.string() });

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
    processingTime: z.unknown(),
  }),
  receivingUnit: unitRef,
  currentUnit: unitRef,
  applicant: z.unknown(),
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
  assigneeId: z.string().nullable(),
  steps: z.array(
    z.object({
      step: z.string(),
      stepName: z.string(),
      unitCode: z.string().nullable(),
      assigneeId: z.string().nullable(),
      startedAt: z.string(),
      endedAt: z.string().nullable(),
      deadline: z.string(),
      timeliness: z.string().nullable(),
    }),
  ),
  events: z.array(
    z.object({
      seq: z.number(),
      type: z.string(),
      at: z.string(),
      actorName: z.string().nullable(),
      step: z.string().nullable(),
      payload: z.unknown(),
    }),
  ),
  allowedActions: z.array(z.object({ type: z.string(), label: z.string(), to: z.string().nullable() })),
  bundle: z.array(z.object({ code: z.string(), procedureCode: z.string(), status: z.string() })),
  /** An online dossier a community digital team member submitted for the citizen: who, and the consent. */
  assisted: assistedSchema.nullable().optional(),
  dueExplanation: z.array(explanationEntrySchema),
});

export async function dossierRoutes(
  app: FastifyInstance,
  { ctx, config }: { ctx: ServiceContext; config: Config },
) {
  guardByTable(app);
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Every route here needs a logged-in user: answer 401 before looking at the body.
  r.addHook('preValidation', async (request) => {
    requireActor(request);
  });

  r.post(
    '/dossiers',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Receive a dossier (counter, online or postal intake)',
        description:
          'With an `Idempotency-Key` header the same key and body return the same dossier (201 again, with `Idempotent-Replayed: true`); the same key with another body → 422 `idempotency_key_reused`. An incomplete dossier → 422 `incomplete_dossier` listing what is missing (issue Mẫu 02 instead); a procedure the unit does not handle → 422 `procedure_not_handled`.',
        security,
        headers: z.object({ 'idempotency-key': z.string().min(8).max(200).optional() }),
        body: intakeSchema,
        response: { 201: dossierViewSchema, 400: problemSchema, 403: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const key = request.headers['idempotency-key'] ?? null;
      const result = await receiveDossier(ctx, actor, metaOf(request), request.body, key);
      if (!result.created) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(result.dossier);
    },
  );

  r.post(
    '/dossiers/bundles',
    {
      schema: {
        tags: ['dossiers'],
        summary:
          'Receive linked procedures submitted once (e.g. death registration + residence + funeral allowance)',
        description:
          'One dossier per procedure, sharing a bundle id and tracked together (`bundle` on each dossier); all or none are received.',
        security,
        body: bundleSchema,
        response: {
          201: z.object({ bundleId: z.string(), dossiers: z.array(dossierViewSchema) }),
          400: problemSchema,
          403: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await receiveBundle(ctx, requireActor(request), request.body)),
  );

  r.get(
    '/dossiers',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Dossiers in the caller’s scope, newest first (keyset cursor)',
        security,
        querystring: z.object({
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
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                code: z.string(),
                procedureCode: z.string(),
                procedureName: z.string(),
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
              }),
            ),
            nextCursor: z.string().nullable(),
          }),
        },
      },
    },
    async (request) =>
      listDossiers(
        ctx,
        requireActor(request),
        { ...request.query, overdue: request.query.overdue === 'true' },
        metaOf(request),
      ),
  );

  r.get(
    '/dossiers/:code',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'One dossier: status, clock, timeliness, events and the actions allowed to the caller',
        security,
        params: z.object({ code: z.string().max(80) }),
        response: { 200: dossierViewSchema, 404: problemSchema },
      },
    },
    async (request) => getDossierView(ctx, requireActor(request), request.params.code),
  );

  r.post(
    '/dossiers/:code/actions',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Take an action on a dossier',
        description:
          'Body: `{"action", "expectedVersion", "note"?, …payload}`. A stale expectedVersion → 409 `version_conflict`; an action not allowed from the current step → 422 `illegal_transition`; a role the caller lacks → 403; a dossier outside the caller’s units → 404.',
        security,
        params: z.object({ code: z.string().max(80) }),
        body: z.looseObject({
          action: z.enum(ACTION_TYPES),
          expectedVersion: z.number().int().min(1),
          note: z.string().max(2000).optional(),
        }),
        response: {
          200: dossierViewSchema,
          403: problemSchema,
          404: problemSchema,
          409: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (request) => {
      const { action, expectedVersion, note, ...payload } = request.body;
      return actOnDossier(ctx, requireActor(request), metaOf(request), request.params.code, {
        action,
        expectedVersion,
        note,
        payload,
      });
    },
  );

  r.get(
    '/dossiers/:code/forms/:file',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'A legal form of the dossier as PDF',
        description:
          '`01.pdf` receipt and appointment slip (with a QR code to the public tracking page); `02.pdf` request to supplement (after request_supplement); `04.pdf` apology and new appointment (after extend); `05.pdf` control sheet of every hand-off. 404 `form_not_applicable` when the form does not apply yet.',
        security,
        params: z.object({
          code: z.string().max(80),
          file: z.enum(['01.pdf', '02.pdf', '04.pdf', '05.pdf']),
        }),
      },
    },
    async (request, reply) => {
      const form = request.params.file.slice(0, 2) as '01' | '02' | '04' | '05';
      const pdf = await renderDossierForm(ctx, requireActor(request), request.params.code, form, {
        publicUrl: config.publicUrl,
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${request.params.code}-mau-${form}.pdf"`)
        .send(pdf);
    },
  );

  r.get(
    '/reports/logbook',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'The logbook (Sổ theo dõi hồ sơ, Mẫu 06) of a unit for a period, as PDF or Excel',
        security,
        querystring: z.object({
          unit: z.string().max(40),
          from: localDateSchema,
          to: localDateSchema,
          format: z.enum(['pdf', 'xlsx']).default('pdf'),
        }),
      },
    },
    async (request, reply) => {
      const unit = await requireUnit(ctx.database.db, request.query.unit);
      await requireRolesForUnit(
        request,
        ctx,
        ['receptionist', 'officer', 'leader', 'unit_admin', 'system_admin', 'auditor'],
        unit,
      );
      const { from, to, format } = request.query;
      const file = await renderLogbook(ctx, unit, from, to, format);
      const name = `so-theo-doi-${unit.code}-${from}-${to}.${format}`;
      return reply
        .type(
          format === 'pdf'
            ? 'application/pdf'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        )
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(file);
    },
  );

  r.get(
    '/reception/applicants/:idNumber',
    {
      schema: {
        tags: ['dossiers'],
        summary:
          'The applicant details of the latest dossier with this ID number in the caller’s units (to reuse at reception)',
        security,
        params: z.object({ idNumber: z.string().regex(/^(\d{9}|\d{12})$/) }),
        response: { 200: z.object({ applicant: z.unknown() }), 404: problemSchema },
      },
    },
    async (request) => {
      const applicant = await findApplicant(
        ctx,
        requireActor(request),
        request.params.idNumber,
        metaOf(request),
      );
      if (!applicant)
        throw new AppError(404, 'applicant_not_found', 'Chưa có hồ sơ nào với số định danh này');
      return { applicant };
    },
  );

  r.post(
    '/reception/slips',
    {
      schema: {
        tags: ['dossiers'],
        summary:
          'Issue a slip at the counter without receiving: guidance to complete (Mẫu 02) or refusal (Mẫu 03)',
        security,
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
      },
    },
    async (request, reply) =>
      reply.status(201).send(await issueSlip(ctx, requireActor(request), metaOf(request), request.body)),
  );

  r.get(
    '/reception/slips/:id/pdf',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'The printed slip (Mẫu 02 or Mẫu 03)',
        security,
        params: z.object({ id: z.uuid() }),
      },
    },
    async (request, reply) => {
      const pdf = await renderSlip(ctx, requireActor(request), request.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="phieu-${request.params.id}.pdf"`)
        .send(pdf);
    },
  );
}
