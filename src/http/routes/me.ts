import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../../config.ts';
import { identityContract as identity } from '../../contracts/identity.ts';
import type { ServiceContext } from '../../services/platform/index.ts';
import { getProfile, resendVerification, saveProfile } from '../../services/identity/index.ts';
import { metaOf, requireActor } from '../auth.ts';
import { guardByTable } from '../authorization-table.ts';

/** The citizen's own account: saved applicant details and preferences; resending the confirmation code. */
export async function meRoutes(app: FastifyInstance, { ctx }: { ctx: ServiceContext; config: Config }) {
  guardByTable(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(identity.profile.path, { schema: identity.profile.schema }, async (request) =>
    getProfile(ctx, requireActor(request)),
  );

  r.put(identity.saveProfile.path, { schema: identity.saveProfile.schema }, async (request) =>
    saveProfile(ctx, requireActor(request), metaOf(request), request.body),
  );

  r.post(
    identity.resendVerification.path,
    { schema: identity.resendVerification.schema },
    async (request, reply) => {
      await resendVerification(ctx, metaOf(request), request.body.username);
      return reply.status(202).send(null);
    },
  );
}
