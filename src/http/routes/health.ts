import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appVersion } from '../../config.ts';
import { ping } from '../../db/client.ts';
import type { ServiceContext } from '../../services/platform/index.ts';

export async function healthRoutes(
  app: FastifyInstance,
  { ctx, mode }: { ctx: ServiceContext; mode: 'demo' | 'production' },
) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/healthz',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and database check',
        response: {
          200: z.object({
            status: z.literal('ok'),
            database: z.enum(['pglite', 'postgresql']),
            version: z.string(),
            mode: z.enum(['demo', 'production']).describe('MOTCUA_ENV: the demo, or a production service'),
          }),
        },
      },
    },
    async () => {
      await ping(ctx.database);
      return { status: 'ok' as const, database: ctx.database.kind, version: appVersion(), mode };
    },
  );
}
