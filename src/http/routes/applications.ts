import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../../config.ts';
import { applicationsContract } from '../../contracts/applications.ts';
import { PROVINCES } from '../../domain/applications/provinces.ts';
import {
  acceptApplication,
  divisions,
  getApplicationForOfficer,
  getMyApplication,
  listMyApplications,
  listPendingApplications,
  refuseApplication,
  saveApplication,
  startApplication,
  submitApplication,
  submitSupplement,
  withdrawApplication,
} from '../../services/applications/index.ts';
import type { ServiceContext } from '../../services/platform/index.ts';
import { metaOf, requireActor } from '../auth.ts';
import { guardByTable } from '../authorization-table.ts';
import { prefersEnglish } from '../problem.ts';

/** Kept for route files that still import it from here; it lives in the applications contract. */

export async function applicationRoutes(
  app: FastifyInstance,
  { ctx, config }: { ctx: ServiceContext; config: Config },
) {
  guardByTable(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    applicationsContract.divisions.path,
    { schema: applicationsContract.divisions.schema },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return { provinces: [...PROVINCES], communes: await divisions(ctx) };
    },
  );

  // ------------------------------------------------------------ the citizen

  r.post(
    applicationsContract.start.path,
    { schema: applicationsContract.start.schema },
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

  r.get(applicationsContract.mine.path, { schema: applicationsContract.mine.schema }, async (request) => ({
    items: await listMyApplications(ctx, requireActor(request)),
  }));

  r.get(applicationsContract.getMine.path, { schema: applicationsContract.getMine.schema }, async (request) =>
    getMyApplication(ctx, config, requireActor(request), request.params.id),
  );

  r.put(applicationsContract.save.path, { schema: applicationsContract.save.schema }, async (request) =>
    saveApplication(ctx, requireActor(request), request.params.id, request.body),
  );

  r.post(
    applicationsContract.submit.path,
    { schema: applicationsContract.submit.schema },
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
    applicationsContract.withdraw.path,
    { schema: applicationsContract.withdraw.schema },
    async (request, reply) => {
      await withdrawApplication(ctx, requireActor(request), metaOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  r.post(
    applicationsContract.supplement.path,
    { schema: applicationsContract.supplement.schema },
    async (request, reply) => {
      await submitSupplement(ctx, requireActor(request), metaOf(request), request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );

  // ------------------------------------------------------------ the receiving unit

  r.get(applicationsContract.inbox.path, { schema: applicationsContract.inbox.schema }, async (request) => ({
    items: await listPendingApplications(ctx, requireActor(request), request.query),
  }));

  r.get(applicationsContract.get.path, { schema: applicationsContract.get.schema }, async (request) =>
    getApplicationForOfficer(ctx, config, requireActor(request), request.params.id),
  );

  r.post(applicationsContract.accept.path, { schema: applicationsContract.accept.schema }, async (request) =>
    acceptApplication(ctx, requireActor(request), metaOf(request), request.params.id),
  );

  r.post(
    applicationsContract.refuse.path,
    { schema: applicationsContract.refuse.schema },
    async (request, reply) => {
      await refuseApplication(ctx, requireActor(request), metaOf(request), request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );
}
