import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import type { ServiceContext } from '../../services/context.ts';

export async function paymentRoutes(_app: FastifyInstance, _opts: { ctx: ServiceContext; config: Config }) {}

/** The sandbox gateway's pages (outside /api/v1: they stand in for the gateway's own site). */
export async function paymentSandboxRoutes(
  _app: FastifyInstance,
  _opts: { ctx: ServiceContext; config: Config },
) {}
