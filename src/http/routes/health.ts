import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { systemContract } from '../../contracts/system.ts';
import { checkHealth, type ServiceContext } from '../../services/platform/index.ts';

export async function healthRoutes(
  app: FastifyInstance,
  { ctx, mode }: { ctx: ServiceContext; mode: 'demo' | 'production' },
) {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(systemContract.health.path, { schema: systemContract.health.schema }, async () => ({
      ...(await checkHealth(ctx)),
      mode,
    }));
}
