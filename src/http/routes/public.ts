import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { processingTimeSchema, UNIT_LEVELS } from '../../domain/catalog/procedure.ts';
import { getProcedure, listFields, searchProcedures } from '../../services/catalog/index.ts';
import type { Config } from '../../config.ts';
import type { ServiceContext } from '../../services/platform/index.ts';
import { sandboxMailbox } from '../../services/notifications/index.ts';
import {
  trackDossier,
  RATING_LEVELS,
  rateDossier,
  ratingInputSchema,
} from '../../services/dossiers/index.ts';
import { listUnits } from '../../services/access/index.ts';
import { metaOf } from '../auth.ts';
import { pageQuery, problemSchema } from '../../contracts/common.ts';

export const procedureSummarySchema = z.object({
  code: z.string(),
  name: z.string(),
  field: z.object({ code: z.string(), name: z.string() }),
  levels: z.array(z.string()),
  processingTime: processingTimeSchema,
  processingTimeText: z.string().nullable(),
  onlineLevel: z.enum(['full', 'partial', 'counter']),
  feeFrom: z.number().nullable(),
  status: z.enum(['active', 'retired']),
});

export const procedureDetailSchema = z.object({
  ...procedureSummarySchema.shape,
  units: z.array(z.object({ code: z.string(), name: z.string() })),
  fees: z.array(z.object({ amount: z.number(), condition: z.string() })),
  feeNote: z.string().nullable(),
  documents: z.array(
    z.object({
      name: z.string(),
      copies: z.number(),
      form: z.string(),
      required: z.boolean(),
      template: z.string().nullable(),
    }),
  ),
  conditions: z.string().nullable(),
  postalSubmission: z.boolean(),
  postalReturn: z.boolean(),
  resultType: z.string().nullable(),
  legalBasis: z.array(z.string()),
  steps: z.array(z.string()),
  implementingAgency: z.string().nullable(),
  eForm: z.unknown().nullable(),
  source: z.string().nullable(),
  unconfirmed: z.array(z.string()),
  version: z.object({ number: z.number(), effectiveFrom: z.string() }),
  versions: z.array(
    z.object({
      number: z.number(),
      effectiveFrom: z.string(),
      changeNote: z.string().nullable(),
      createdAt: z.string(),
      inForce: z.boolean(),
      changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
    }),
  ),
});

export const publicUnitSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(UNIT_LEVELS),
  parentCode: z.string().nullable(),
  hasCounter: z.boolean(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
});

const ratingViewSchema = z.object({
  level: z.enum(RATING_LEVELS),
  criteria: z.record(z.string(), z.string()),
  comment: z.string().nullable(),
  createdAt: z.string(),
});

export const procedurePageSchema = z.object({
  items: z.array(procedureSummarySchema),
  page: z.number(),
  pageSize: z.number(),
  total: z.number(),
  /** Set when misspelt words were corrected, e.g. "khei sinh" → "khai sinh". */
  correctedQuery: z.string().nullable(),
});

export async function publicRoutes(
  app: FastifyInstance,
  { ctx, config }: { ctx: ServiceContext; config: Config },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  r.get(
    '/public/fields',
    {
      schema: {
        tags: ['public'],
        summary: 'Fields (lĩnh vực) with the number of active procedures',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                code: z.string(),
                name: z.string(),
                nameEn: z.string().nullable(),
                procedureCount: z.number(),
              }),
            ),
          }),
        },
      },
    },
    async () => ({ items: await listFields(db) }),
  );

  r.get(
    '/public/units',
    {
      schema: {
        tags: ['public'],
        summary: 'Units (province, communes, agencies) as a tree by parentCode',
        response: {
          200: z.object({
            items: z.array(publicUnitSchema),
          }),
        },
      },
    },
    async () => ({ items: await listUnits(db) }),
  );

  r.get(
    '/public/procedures',
    {
      schema: {
        tags: ['public'],
        summary: 'Search the catalog',
        description:
          'Diacritic- and case-insensitive ranked search ("dang ky khai sinh" finds "Đăng ký khai sinh" first); every word must match, misspellings match by trigram similarity.',
        querystring: z.object({
          q: z.string().max(200).optional(),
          field: z.string().max(20).optional(),
          unit: z.string().max(40).optional(),
          level: z.enum(UNIT_LEVELS).optional(),
          ...pageQuery,
        }),
        response: { 200: procedurePageSchema },
      },
    },
    async (request) => searchProcedures(db, { ...request.query, status: 'active' }),
  );

  r.get(
    '/public/procedures/:code',
    {
      schema: {
        tags: ['public'],
        summary: 'One procedure: the version in force, and every version with what changed',
        params: z.object({ code: z.string().max(40) }),
        response: { 200: procedureDetailSchema, 404: problemSchema },
      },
    },
    async (request) => getProcedure(ctx, request.params.code),
  );

  r.get(
    '/public/track/:code',
    {
      schema: {
        tags: ['public'],
        summary:
          'Track a dossier by its code (no login); with the applicant’s phone or ID number, also what was requested',
        description:
          'No personal data but the masked name. An unknown code and a wrong second factor give the same 404 `not_found`. Rate-limited per IP address (429 `rate_limited`).',
        params: z.object({ code: z.string().min(3).max(80) }),
        querystring: z.object({
          phone: z.string().max(20).optional(),
          idNumber: z.string().max(20).optional(),
        }),
        response: {
          200: z.object({
            code: z.string(),
            procedure: z.object({ code: z.string(), name: z.string() }),
            receivingUnit: z.object({ code: z.string(), name: z.string() }),
            currentUnit: z.object({ code: z.string(), name: z.string() }),
            status: z
              .string()
              .describe(
                'A dossier status, or `submitted` / `not_accepted` for an online application not yet received',
              ),
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
            rating: ratingViewSchema.nullable(),
            canRate: z.boolean(),
            supplementRequests: z
              .array(
                z.object({
                  at: z.string(),
                  reason: z.string(),
                  items: z.array(z.object({ document: z.string(), form: z.string().optional() })),
                }),
              )
              .optional(),
          }),
          404: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request) =>
      trackDossier(ctx, request.ip ?? null, request.params.code, request.query, {
        actor: request.actor,
        meta: metaOf(request),
      }),
  );

  r.post(
    '/public/track/:code/rating',
    {
      schema: {
        tags: ['public'],
        summary:
          'Rate the service after the result was returned (one rating per dossier; needs the phone or ID number)',
        params: z.object({ code: z.string().min(3).max(80) }),
        body: ratingInputSchema,
        response: {
          201: ratingViewSchema,
          404: problemSchema,
          409: problemSchema,
          422: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await rateDossier(ctx, request.params.code, request.body, { ip: request.ip ?? null })),
  );

  // The demo mailbox: what the sandbox e-mail/SMS providers would have sent. Demo mode only: in
  // production the route does not exist (404 like any unknown path).
  if (config.mode === 'demo')
    r.get(
      '/sandbox/messages',
      {
        schema: {
          tags: ['public'],
          summary: 'Demo mailbox: messages recorded by the sandbox providers (only with the demo seed)',
          querystring: z.object({ recipient: z.string().max(200).optional() }),
        },
      },
      async (request) => ({ items: await sandboxMailbox(ctx, request.query.recipient) }),
    );
}
