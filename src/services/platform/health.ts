/** The liveness check: the database answers, and which engine it is. */
import { ping } from '../../db/client.ts';
import { appVersion } from '../../config.ts';
import type { ServiceContext } from './context.ts';

export interface Health {
  status: 'ok';
  database: ServiceContext['database']['kind'];
  version: string;
}

/** Throws when the database does not answer; the caller turns that into a failed check. */
export async function checkHealth(ctx: ServiceContext): Promise<Health> {
  await ping(ctx.database);
  return { status: 'ok', database: ctx.database.kind, version: appVersion() };
}
