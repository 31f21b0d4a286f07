import type { Database, Db } from '../db/client.ts';
import type { RoleGrant } from '../domain/access.ts';
import type { Clock } from '../domain/clock.ts';

/** What every use case receives: the database and the clock (never read Date.now() directly). */
export interface ServiceContext {
  database: Database;
  clock: Clock;
  /** Public base URL for links sent to applicants (tracking page); default http://localhost:3000. */
  publicUrl?: string;
}

export function trackingUrl(ctx: ServiceContext, code: string): string {
  return `${(ctx.publicUrl ?? 'http://localhost:3000').replace(/\/$/, '')}/track/${encodeURIComponent(code)}`;
}

/** The authenticated caller of a use case. */
export interface Actor {
  id: string;
  username: string;
  fullName: string;
  kind: 'staff' | 'citizen';
  grants: RoleGrant[];
}

/** Where a request came from, for the audit trail. */
export interface RequestMeta {
  ip: string | null;
  requestId: string | null;
}

export const NO_META: RequestMeta = { ip: null, requestId: null };

/** Runs `work` in one transaction: a use case writes all or nothing. */
export function inTransaction<T>(ctx: ServiceContext, work: (tx: Db) => Promise<T>): Promise<T> {
  return ctx.database.db.transaction((tx) => work(tx as unknown as Db));
}
