import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { postalContract as p } from '../../contracts/postal.ts';
import { limitsOf, type ServiceContext } from '../../services/platform/index.ts';
import {
  cancelHomeService,
  completeHomeService,
  createHomeService,
  getHomeService,
  homeServiceSummary,
  listHomeServiceOfficers,
  listHomeServices,
  lookupHomeServicePublic,
  requestHomeServicePublic,
  scheduleHomeService,
} from '../../services/postal/index.ts';
import { metaOf, requireActor } from '../auth.ts';
import { guardByTable } from '../authorization-table.ts';

/** The home service (thu nhận, trả kết quả tại nhà): operations of the postal context's contract. */
export async function homeServiceRoutes(app: FastifyInstance, { ctx }: { ctx: ServiceContext }) {
  guardByTable(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(p.createHomeService.path, { schema: p.createHomeService.schema }, async (request, reply) =>
    reply.code(201).send(await createHomeService(ctx, requireActor(request), metaOf(request), request.body)),
  );

  r.get(p.homeServices.path, { schema: p.homeServices.schema }, async (request) =>
    listHomeServices(ctx, requireActor(request), request.query),
  );

  r.get(p.homeServiceSummary.path, { schema: p.homeServiceSummary.schema }, async (request) =>
    homeServiceSummary(ctx, requireActor(request), request.query),
  );

  r.get(p.homeServiceOfficers.path, { schema: p.homeServiceOfficers.schema }, async (request) =>
    listHomeServiceOfficers(ctx, requireActor(request), request.query.unit),
  );

  r.get(p.homeService.path, { schema: p.homeService.schema }, async (request) =>
    getHomeService(ctx, requireActor(request), request.params.id),
  );

  r.post(p.scheduleHomeService.path, { schema: p.scheduleHomeService.schema }, async (request) =>
    scheduleHomeService(ctx, requireActor(request), metaOf(request), request.params.id, request.body),
  );

  r.post(p.completeHomeService.path, { schema: p.completeHomeService.schema }, async (request) =>
    completeHomeService(ctx, requireActor(request), metaOf(request), request.params.id, request.body),
  );

  r.post(p.cancelHomeService.path, { schema: p.cancelHomeService.schema }, async (request) =>
    cancelHomeService(ctx, requireActor(request), metaOf(request), request.params.id, request.body ?? {}),
  );

  r.post(
    p.requestHomeService.path,
    {
      config: { rateLimit: { max: limitsOf(ctx).homeServicePerMinute, timeWindow: 60_000 } },
      schema: p.requestHomeService.schema,
    },
    async (request, reply) =>
      reply.code(201).send(await requestHomeServicePublic(ctx, metaOf(request), request.body)),
  );

  r.get(
    p.followHomeService.path,
    {
      config: { rateLimit: { max: limitsOf(ctx).trackPerMinute, timeWindow: 60_000 } },
      schema: p.followHomeService.schema,
    },
    async (request) => lookupHomeServicePublic(ctx, request.params.code, request.query.phone),
  );
}
