import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import { PROVINCES } from '../../domain/applications/provinces.ts';
import {
  acceptApplication,
  createApplicationSchema,
  divisions,
  getApplicationForOfficer,
  getMyApplication,
  listMyApplications,
  listPendingApplications,
  refuseApplication,
  saveApplication,
  saveApplicationSchema,
  startApplication,
  submitApplication,
  submitSupplement,
  withdrawApplication,
} from '../../services/applications/index.ts';
import type { ServiceContext } from '../../services/platform/index.ts';
import { metaOf, requireActor } from '../auth.ts';
import { prefersEnglish } from '../problem.ts';
import { problemSchema } from '../../contracts/common.ts';
import { guardByTable } from '../authorization-table.ts';

const security: { [label: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }];
const idParams = z.object({ id: z.string().max(100) });
const STATUSES = ['draft', 'submitted', 'accepted', 'refused', 'withdrawn'] as const;

const fileSchema = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number(),
  mediaType: z.string(),
  purpose: z.string(),
  createdAt: z.string(),
});

/** Who submitted an online application for a citizen (community digital team) and how the citizen agreed. */
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

export const applicationViewSchema = z.object({
  id: z.string(),
  status: z.enum(STATUSES),
  code: z.string().nullable(),
  revision: z.number(),
  procedure: z.object({
    code: z.string(),
    version: z.number(),
    name: z.string(),
    processingTimeText: z.string().nullable(),
    postalReturn: z.boolean(),
    fees: z.array(z.object({ amount: z.number(), condition: z.string() })),
    feeNote: z.string().nullable(),
    documents: z.array(z.object({ name: z.string(), required: z.boolean() }).loose()),
  }),
  form: z.object({ version: z.literal(1), groups: z.array(z.unknown()) }).describe('The e-form to render'),
  units: z.array(z.object({ code: z.string(), name: z.string(), address: z.string().nullable() })),
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  answers: z.record(z.string(), z.unknown()),
  documents: z.array(z.object({ index: z.number(), fileIds: z.array(z.string()) })),
  feeIndexes: z.array(z.number()),
  feeExemption: z.string().nullable(),
  resultDelivery: z.enum(['counter', 'postal', 'online']).nullable(),
  deliveryAddress: z.string().nullable(),
  postalFee: z.number(),
  fees: z.object({
    items: z.array(z.object({ label: z.string(), amount: z.number() })),
    total: z.number(),
  }),
  paid: z.boolean(),
  payments: z.array(
    z.object({
      id: z.string(),
      state: z.string(),
      amount: z.number(),
      method: z.string(),
      receiptNumber: z.string().nullable(),
      paidAt: z.string().nullable(),
    }),
  ),
  files: z.array(fileSchema),
  refusalReason: z.string().nullable(),
  assisted: assistedSchema.nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  updatedAt: z.string(),
  dossier: z
    .object({
      status: z.string(),
      receivedAt: z.string(),
      dueAt: z.string(),
      appointmentAt: z.string(),
      resolvedAt: z.string().nullable(),
      returnedAt: z.string().nullable(),
      supplementRequest: z
        .object({ at: z.string(), reason: z.string(), items: z.array(z.string()) })
        .nullable(),
      resultReady: z.boolean(),
    })
    .nullable(),
});

export async function applicationRoutes(
  app: FastifyInstance,
  { ctx, config }: { ctx: ServiceContext; config: Config },
) {
  guardByTable(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/public/divisions',
    {
      schema: {
        tags: ['applications'],
        summary: 'Provinces, and the communes served here, for address pickers',
        description:
          'The 34 provinces and centrally-run cities (since 1 July 2025). Communes are listed for the jurisdictions this installation serves (keyed by province code); elsewhere the commune is typed.',
        response: {
          200: z.object({
            provinces: z.array(z.object({ code: z.string(), name: z.string() })),
            communes: z.record(z.string(), z.array(z.object({ code: z.string(), name: z.string() }))),
          }),
        },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return { provinces: [...PROVINCES], communes: await divisions(ctx) };
    },
  );

  // ------------------------------------------------------------ the citizen

  r.post(
    '/me/applications',
    {
      schema: {
        tags: ['applications'],
        summary: 'Start an online application (or resume the open draft for the procedure)',
        description:
          'Citizen accounts, and members of a community digital team (role `assistant`) who submit for a citizen: ' +
          'they must send `assisted` {fullName, idNumber, phone, method: signed_form|in_person, fileId?, note?, teamId?, ' +
          'consent: true}; the consent is recorded and audited, the applicant group is prefilled from it, and the ' +
          'dossier shows who assisted. 201 with a new draft prefilled from the saved profile, or 200 with the ' +
          'existing draft for the same procedure (and, for an assistant, the same citizen). 422 `not_online` when ' +
          'the procedure is counter-only; 403 `no_team` for an assistant in no team, `assistant_only` for a citizen ' +
          'sending `assisted`.',
        security,
        body: createApplicationSchema,
        response: {
          200: applicationViewSchema,
          201: applicationViewSchema,
          403: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { id, created } = await startApplication(
        ctx,
        actor,
        request.body.procedureCode,
        request.body.assisted,
        metaOf(request),
      );
      reply.code(created ? 201 : 200);
      return getMyApplication(ctx, config, actor, id);
    },
  );

  r.get(
    '/me/applications',
    {
      schema: {
        tags: ['applications'],
        summary: 'My dossiers: drafts, submitted applications and the dossiers they became',
        security,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                status: z.enum(STATUSES),
                code: z.string().nullable(),
                procedureCode: z.string(),
                procedureName: z.string(),
                assistedFor: z.string().nullable(),
                unitName: z.string().nullable(),
                updatedAt: z.string(),
                submittedAt: z.string().nullable(),
                dossierStatus: z.string().nullable(),
                appointmentAt: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({ items: await listMyApplications(ctx, requireActor(request)) }),
  );

  r.get(
    '/me/applications/:id',
    {
      schema: {
        tags: ['applications'],
        summary: 'One of my applications, with its form, files, fees, payments and dossier progress',
        security,
        params: idParams,
        response: { 200: applicationViewSchema, 404: problemSchema },
      },
    },
    async (request) => getMyApplication(ctx, config, requireActor(request), request.params.id),
  );

  r.put(
    '/me/applications/:id',
    {
      schema: {
        tags: ['applications'],
        summary: 'Autosave a draft',
        description:
          'Send the `revision` last read; fields left out are kept. A stale revision (saved meanwhile from another device) gets 409 `draft_conflict`; a submitted application gets 409 `not_draft`.',
        security,
        params: idParams,
        body: saveApplicationSchema,
        response: {
          200: z.object({ revision: z.number(), updatedAt: z.string() }),
          400: problemSchema,
          404: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request) => saveApplication(ctx, requireActor(request), request.params.id, request.body),
  );

  r.post(
    '/me/applications/:id/submit',
    {
      schema: {
        tags: ['applications'],
        summary: 'Submit a complete draft',
        description:
          'Checks every answer, the attachments of required documents, the office and the delivery choice; 400 `validation_failed` lists each field (`answers.<group>.<field>`, `documents.<index>`, `unitCode`, …) in the language of Accept-Language. On success a dossier code is reserved and the citizen is notified (and told the fee due).',
        security,
        params: idParams,
        body: z.object({ revision: z.number().int().min(1) }),
        response: {
          200: applicationViewSchema,
          400: problemSchema,
          404: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await submitApplication(ctx, config, actor, metaOf(request), request.params.id, {
        revision: request.body.revision,
        locale: prefersEnglish(request) ? 'en' : 'vi',
      });
      return getMyApplication(ctx, config, actor, request.params.id);
    },
  );

  r.post(
    '/me/applications/:id/withdraw',
    {
      schema: {
        tags: ['applications'],
        summary: 'Withdraw a draft or a submitted application not yet accepted',
        security,
        params: idParams,
        response: { 204: z.null(), 404: problemSchema, 409: problemSchema },
      },
    },
    async (request, reply) => {
      await withdrawApplication(ctx, requireActor(request), metaOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/me/applications/:id/supplement',
    {
      schema: {
        tags: ['applications'],
        summary: 'Hand in the documents the office asked for',
        description:
          'Upload the files first (`POST /api/v1/files`, purpose `supplement`, the dossier code); this tells the officers, who confirm with the `receive_supplement` action (the clock resumes then).',
        security,
        params: idParams,
        body: z.object({
          fileIds: z.array(z.uuid()).min(1).max(50),
          note: z.string().trim().max(2000).optional(),
        }),
        response: { 204: z.null(), 400: problemSchema, 404: problemSchema, 409: problemSchema },
      },
    },
    async (request, reply) => {
      await submitSupplement(ctx, requireActor(request), metaOf(request), request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );

  // ------------------------------------------------------------ the receiving unit

  r.get(
    '/applications',
    {
      schema: {
        tags: ['applications'],
        summary: 'Online applications of my units (default: waiting for acceptance)',
        security,
        querystring: z.object({
          unitCode: z.string().max(50).optional(),
          status: z.enum(STATUSES).optional(),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                code: z.string().nullable(),
                status: z.enum(STATUSES),
                procedureCode: z.string(),
                procedureName: z.string(),
                unitCode: z.string(),
                unitName: z.string(),
                applicantName: z.string(),
                submittedAt: z.string().nullable(),
                paid: z.boolean(),
                assisted: z.boolean(),
              }),
            ),
          }),
          403: problemSchema,
        },
      },
    },
    async (request) => ({ items: await listPendingApplications(ctx, requireActor(request), request.query) }),
  );

  r.get(
    '/applications/:id',
    {
      schema: {
        tags: ['applications'],
        summary: 'An online application, for the officers of its unit',
        security,
        params: idParams,
        response: { 200: applicationViewSchema, 404: problemSchema },
      },
    },
    async (request) => getApplicationForOfficer(ctx, config, requireActor(request), request.params.id),
  );

  r.post(
    '/applications/:id/accept',
    {
      schema: {
        tags: ['applications'],
        summary:
          'Accept: the dossier is received (channel online) with the reserved code; its clock starts now',
        security,
        params: idParams,
        response: {
          200: z.object({ code: z.string() }),
          403: problemSchema,
          404: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request) => acceptApplication(ctx, requireActor(request), metaOf(request), request.params.id),
  );

  r.post(
    '/applications/:id/refuse',
    {
      schema: {
        tags: ['applications'],
        summary: 'Refuse to accept, with the reason the citizen is told',
        security,
        params: idParams,
        body: z.object({ reason: z.string().trim().min(1).max(2000) }),
        response: { 204: z.null(), 403: problemSchema, 404: problemSchema, 409: problemSchema },
      },
    },
    async (request, reply) => {
      await refuseApplication(ctx, requireActor(request), metaOf(request), request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );
}
