import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../../config.ts';
import { identityContract as identity } from '../../contracts/identity.ts';
import type { ServiceContext } from '../../services/platform/index.ts';
import {
  confirmTotpEnrolment,
  disableTotp,
  resetTotp,
  startTotpEnrolment,
} from '../../services/identity/index.ts';
import { metaOf, requireActor } from '../auth.ts';
import { guardByTable } from '../authorization-table.ts';

/** The staff second factor (issue 14 §4): enrolment, confirmation, turning off, and the admin's reset. */
export async function totpRoutes(
  app: FastifyInstance,
  { ctx, config }: { ctx: ServiceContext; config: Config },
) {
  guardByTable(app);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const adminsMustKeep = config.mode === 'production';

  r.post(identity.startTotp.path, { schema: identity.startTotp.schema }, async (request) =>
    startTotpEnrolment(ctx, config.dataKey, requireActor(request), metaOf(request)),
  );

  r.post(identity.confirmTotp.path, { schema: identity.confirmTotp.schema }, async (request) =>
    confirmTotpEnrolment(ctx, config.dataKey, requireActor(request), metaOf(request), request.body.code),
  );

  r.delete(identity.disableTotp.path, { schema: identity.disableTotp.schema }, async (request, reply) => {
    const actor = requireActor(request);
    await disableTotp(ctx, config.dataKey, actor, metaOf(request), request.body.code, adminsMustKeep);
    return reply.status(204).send(null);
  });

  r.post(identity.resetTotp.path, { schema: identity.resetTotp.schema }, async (request, reply) => {
    await resetTotp(ctx, requireActor(request), metaOf(request), request.params.id);
    return reply.status(204).send(null);
  });
}
