import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../services/platform/index.ts';
import {
  answerFeedback,
  FEEDBACK_CATEGORIES,
  type FeedbackRow,
  issueApiKey,
  listApiKeys,
  revokeApiKey,
  listFeedbackForStaff,
  publishedFeedback,
  setFeedbackStatus,
  submitFeedback,
} from '../../services/feedback/index.ts';
import { metaOf, requireActor } from '../auth.ts';
import { feedbackContract, type StaffFeedback } from '../../contracts/feedback.ts';
import { guardByTable } from '../authorization-table.ts';

function staffView(f: FeedbackRow): StaffFeedback {
  return {
    id: f.id,
    category: f.category,
    text: f.text,
    dossierCode: f.dossierCode,
    submitter: f.submitter as StaffFeedback['submitter'],
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

  r.get(feedbackContract.categories.path, { schema: feedbackContract.categories.schema }, async () => ({
    items: FEEDBACK_CATEGORIES.map((c) => ({ ...c })),
  }));

  r.post(feedbackContract.submit.path, { schema: feedbackContract.submit.schema }, async (request, reply) => {
    const row = await submitFeedback(ctx, request.ip ?? null, request.body);
    return reply.status(201).send({ id: row.id, status: row.status, dueAt: row.dueAt.toISOString() });
  });

  r.get(feedbackContract.published.path, { schema: feedbackContract.published.schema }, async () => ({
    items: await publishedFeedback(ctx),
  }));

  r.get(feedbackContract.list.path, { schema: feedbackContract.list.schema }, async (request) => ({
    items: (await listFeedbackForStaff(ctx, requireActor(request), request.query.status)).map(staffView),
  }));

  r.post(feedbackContract.answer.path, { schema: feedbackContract.answer.schema }, async (request) =>
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

  r.post(feedbackContract.setStatus.path, { schema: feedbackContract.setStatus.schema }, async (request) =>
    staffView(await setFeedbackStatus(ctx, requireActor(request), request.params.id, request.body.status)),
  );

  r.post(
    feedbackContract.issueApiKey.path,
    { schema: feedbackContract.issueApiKey.schema },
    async (request, reply) =>
      reply.status(201).send(await issueApiKey(ctx, requireActor(request), metaOf(request), request.body)),
  );

  r.get(feedbackContract.apiKeys.path, { schema: feedbackContract.apiKeys.schema }, async (request) => ({
    items: await listApiKeys(ctx, requireActor(request)),
  }));

  r.post(
    feedbackContract.revokeApiKey.path,
    { schema: feedbackContract.revokeApiKey.schema },
    async (request) => revokeApiKey(ctx, requireActor(request), metaOf(request), request.params.id),
  );
}
