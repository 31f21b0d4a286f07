import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessContract } from '../../contracts/access.ts';
import { catalogContract as catalog } from '../../contracts/catalog.ts';
import { notificationsContract as notifications } from '../../contracts/notifications.ts';
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
import { problemSchema } from '../../contracts/common.ts';

const ratingViewSchema = z.object({
  level: z.enum(RATING_LEVELS),
  criteria: z.record(z.string(), z.string()),
  comment: z.string().nullable(),
  createdAt: z.string(),
});

export async function publicRoutes(
  app: FastifyInstance,
  { ctx, config }: { ctx: ServiceContext; config: Config },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  r.get(catalog.fields.path, { schema: catalog.fields.schema }, async () => ({
    items: await listFields(db),
  }));

  r.get(accessContract.units.path, { schema: accessContract.units.schema }, async () => ({
    items: await listUnits(db),
  }));

  r.get(catalog.search.path, { schema: catalog.search.schema }, async (request) =>
    searchProcedures(db, { ...request.query, status: 'active' }),
  );

  r.get(catalog.procedure.path, { schema: catalog.procedure.schema }, async (request) =>
    getProcedure(ctx, request.params.code),
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
      notifications.sandboxMessages.path,
      { schema: notifications.sandboxMessages.schema },
      async (request) => ({ items: await sandboxMailbox(ctx, request.query.recipient) }),
    );
}
