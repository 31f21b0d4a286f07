import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceContext } from '../../services/platform/index.ts';
import {
  answerFeedback,
  FEEDBACK_CATEGORIES,
  type FeedbackRow,
  feedbackInputSchema,
  issueApiKey,
  listApiKeys,
  revokeApiKey,
  listFeedbackForStaff,
  publishedFeedback,
  setFeedbackStatus,
  submitFeedback,
} from '../../services/feedback/index.ts';
import { metaOf, requireActor } from '../auth.ts';
import { problemSchema } from '../../contracts/common.ts';
import { guardByTable } from '../authorization-table.ts';

const security: { [label: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }];

const staffFeedbackSchema = z.object({
  id: z.string(),
  category: z.string(),
  text: z.string(),
  dossierCode: z.string().nullable(),
  submitter: z.unknown(),
  publishConsent: z.boolean(),
  status: z.string(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  dueAt: z.string(),
  source: z.string(),
  createdAt: z.string(),
});

function staffView(f: FeedbackRow) {
  return {
    id: f.id,
    category: f.category,
    text: f.text,
    dossierCode: f.dossierCode,
    submitter: f.submitter,
    publishConsent: f.publishConsent,
    status: f.status,
    answer: f.answer,
    answeredAt: f.answeredAt?.toISOString() ?? null,
    dueAt: f.dueAt.toISOString(),
    source: f.source,
    createdAt: f.createdAt.toISOString(),
  };
}

export async function feedbackRoutes(app: FastifyInstance, { ctx }: { ctx: ServiceContext }) {
  guardByTable(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/public/feedback/categories',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Feedback categories',
        response: {
          200: z.object({
            items: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string() })),
          }),
        },
      },
    },
    async () => ({ items: FEEDBACK_CATEGORIES.map((c) => ({ ...c })) }),
  );

  r.post(
    '/public/feedback',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Send feedback or a complaint (phản ánh, kiến nghị) to a unit',
        body: feedbackInputSchema,
        response: {
          201: z.object({ id: z.string(), status: z.string(), dueAt: z.string() }),
          400: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const row = await submitFeedback(ctx, request.ip ?? null, request.body);
      return reply.status(201).send({ id: row.id, status: row.status, dueAt: row.dueAt.toISOString() });
    },
  );

  r.get(
    '/public/feedback',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Answered feedback whose authors agreed to publish it (no contact data)',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                unitName: z.string(),
                category: z.string(),
                text: z.string(),
                answer: z.string().nullable(),
                createdAt: z.string(),
                answeredAt: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async () => ({ items: await publishedFeedback(ctx) }),
  );

  r.get(
    '/feedback',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Feedback to the caller’s units',
        security,
        querystring: z.object({ status: z.enum(['open', 'in_progress', 'answered', 'closed']).optional() }),
        response: { 200: z.object({ items: z.array(staffFeedbackSchema) }) },
      },
    },
    async (request) => ({
      items: (await listFeedbackForStaff(ctx, requireActor(request), request.query.status)).map(staffView),
    }),
  );

  r.post(
    '/feedback/:id/answer',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Answer a feedback item',
        security,
        params: z.object({ id: z.uuid() }),
        body: z.object({ answer: z.string().trim().min(5).max(5000) }),
        response: { 200: staffFeedbackSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request) =>
      staffView(
        await answerFeedback(
          ctx,
          requireActor(request),
          metaOf(request),
          request.params.id,
          request.body.answer,
        ),
      ),
  );

  r.post(
    '/feedback/:id/status',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Mark a feedback item in progress or closed',
        security,
        params: z.object({ id: z.uuid() }),
        body: z.object({ status: z.enum(['in_progress', 'closed']) }),
        response: { 200: staffFeedbackSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request) =>
      staffView(await setFeedbackStatus(ctx, requireActor(request), request.params.id, request.body.status)),
  );

  const apiKeySchema = z.object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().nullable(),
    unitCodes: z.array(z.string()).nullable(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  });

  r.post(
    '/admin/api-keys',
    {
      schema: {
        tags: ['admin'],
        summary: 'Issue an API key for a third-party client (e.g. an Open311 app); the key is shown once',
        description:
          'Stored only as its SHA-256. `unitCodes` scopes the key to those units and the units below them ' +
          '(an Open311 POST elsewhere is refused); a unit administrator issues only keys scoped inside its units, ' +
          'the system administrator also unscoped ones.',
        security,
        body: z.object({
          name: z.string().trim().min(2).max(200),
          unitCodes: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
        }),
        response: {
          201: apiKeySchema.extend({ key: z.string() }),
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await issueApiKey(ctx, requireActor(request), metaOf(request), request.body)),
  );

  r.get(
    '/admin/api-keys',
    {
      schema: {
        tags: ['admin'],
        summary: 'The API keys the caller manages (name, prefix, units, issued, revoked), never the keys',
        security,
        response: { 200: z.object({ items: z.array(apiKeySchema) }), 401: problemSchema, 403: problemSchema },
      },
    },
    async (request) => ({ items: await listApiKeys(ctx, requireActor(request)) }),
  );

  r.post(
    '/admin/api-keys/:id/revoke',
    {
      schema: {
        tags: ['admin'],
        summary: 'Revoke an API key: Open311 requests with it are refused from now on (audited)',
        security,
        params: z.object({ id: z.uuid() }),
        response: { 200: apiKeySchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request) => revokeApiKey(ctx, requireActor(request), metaOf(request), request.params.id),
  );
}
