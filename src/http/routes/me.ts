import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import type { ServiceContext } from '../../services/context.ts';

export async function meRoutes(_app: FastifyInstance, _opts: { ctx: ServiceContext; config: Config }) {}
