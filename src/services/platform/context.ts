import type { Database, Db } from '../../db/client.ts';
import type { RoleGrant } from '../../domain/access.ts';
import type { Clock } from '../../domain/clock.ts';
import { type ChannelsConfig, DEFAULT_LIMITS, type Limits } from '../../config.ts';
import { type Channel, type MessageSender, sendersFor } from '../../integrations/messaging.ts';

/** What every use case receives: the database and the clock (never read Date.now() directly). */
export interface ServiceContext {
  database: Database;
  clock: Clock;
  /** Public base URL for links sent to applicants (tracking page); default http://localhost:3000. */
  publicUrl?: string;
  /** Request limits from the configuration (the defaults when a test builds the context). */
  limits?: Limits;
  /** Where messages to applicants go (the demo sandbox on every channel when a test builds the context). */
  channels?: ChannelsConfig;
}

const SANDBOX_CHANNELS: ChannelsConfig = {
  email: { kind: 'sandbox' },
  sms: { kind: 'sandbox' },
  zalo: { kind: 'sandbox' },
};
const senderCache = new WeakMap<ServiceContext, Record<Channel, MessageSender>>();

/** The message senders of this context's configuration, built once per context. */
export function sendersOf(ctx: ServiceContext): Record<Channel, MessageSender> {
  let senders = senderCache.get(ctx);
  if (!senders) {
    senders = sendersFor(ctx.database.db, ctx.channels ?? SANDBOX_CHANNELS);
    senderCache.set(ctx, senders);
  }
  return senders;
}
export const limitsOf = (ctx: ServiceContext): Limits => ctx.limits ?? DEFAULT_LIMITS;

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
  /** The account's second factor (TOTP) is on (set by `authenticate`). */
  totpEnabled?: boolean;
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
