import { dossiersContract } from '../../contracts/dossiers.ts';
import { feedbackContract } from '../../contracts/feedback.ts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { accessContract } from '../../contracts/access.ts';
import { catalogContract as catalog } from '../../contracts/catalog.ts';
import { notificationsContract as notifications } from '../../contracts/notifications.ts';
import { getProcedure, listFields, searchProcedures } from '../../services/catalog/index.ts';
import type { Config } from '../../config.ts';
import type { ServiceContext } from '../../services/platform/index.ts';
import { sandboxMailbox } from '../../services/notifications/index.ts';
import { trackDossier, rateDossier } from '../../services/dossiers/index.ts';
import { listUnits } from '../../services/access/index.ts';
import { metaOf } from '../auth.ts';

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
    dossiersContract.track.path,
    {
      schema: dossiersContract.track.schema,
    },
    async (request) =>
      trackDossier(ctx, request.ip ?? null, request.params.code, request.query, {
        actor: request.actor,
        meta: metaOf(request),
      }),
  );

  r.post(
    feedbackContract.rate.path,
    {
      schema: feedbackContract.rate.schema,
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
