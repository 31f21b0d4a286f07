/**
 * Retention (issue 14 §2): what is kept only for a while is purged after its period — rate-limit
 * counters, idempotency keys of intake requests, the text of delivered messages (the row stays for
 * statistics), the demo mailbox, expired sessions and spent one-time codes. Run daily by the job
 * runner (src/jobs/runner.ts) and on demand by `npx motcua purge`. Each step is one statement, so a
 * run interrupted half-way loses nothing and the next run finishes the work.
 */
import { and, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { RetentionConfig } from '../../config.ts';
import {
  idempotencyKeys,
  notificationOutbox,
  oneTimeCodes,
  rateLimits,
  sandboxMessages,
  sessions,
} from '../../db/schema.ts';
import type { ServiceContext } from './context.ts';

export const DEFAULT_RETENTION: RetentionConfig = {
  rateLimitMinutes: 1440,
  idempotencyDays: 7,
  outboxDays: 90,
  sandboxDays: 7,
  sessionsDays: 30,
};

/**
 * The longest window of any rate limit (feedback and one-time codes per hour): a counter younger
 * than this may still be counting, so it is kept whatever MOTCUA_RETENTION_RATE_LIMIT_MINUTES says.
 */
export const LONGEST_RATE_WINDOW_MINUTES = 60;
/** One-time codes are counted per account over a day (ten a day): kept a day, then purged once spent. */
const ONE_TIME_CODE_DAYS = 1;

/** What a delivered message's subject and body become after the period. */
export const purgedText = (days: number) => `[đã xoá sau ${days} ngày]`;

export interface PurgeCounts {
  rateLimits: number;
  idempotencyKeys: number;
  /** Delivered messages whose subject and body were replaced by the placeholder. */
  outboxBodies: number;
  sandboxMessages: number;
  sessions: number;
  oneTimeCodes: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** How many rows a statement touched (the same on PostgreSQL and PGlite: the rows returned). */
const affected = async (query: PromiseLike<unknown[]>): Promise<number> => (await query).length;

/** Deletes (or, for delivered messages, blanks) what is past its retention period at ctx.clock(). */
export async function purgeExpired(
  ctx: ServiceContext,
  retention: RetentionConfig = DEFAULT_RETENTION,
): Promise<PurgeCounts> {
  const db = ctx.database.db;
  const now = ctx.clock().getTime();
  const before = (ms: number) => new Date(now - ms);
  const rateLimitMinutes = Math.max(retention.rateLimitMinutes, LONGEST_RATE_WINDOW_MINUTES);
  const placeholder = purgedText(retention.outboxDays);

  const counts: PurgeCounts = {
    rateLimits: await affected(
      db
        .delete(rateLimits)
        .where(lt(rateLimits.windowStart, before(rateLimitMinutes * MINUTE)))
        .returning({ key: rateLimits.key }),
    ),
    idempotencyKeys: await affected(
      db
        .delete(idempotencyKeys)
        .where(lt(idempotencyKeys.createdAt, before(retention.idempotencyDays * DAY)))
        .returning({ key: idempotencyKeys.key }),
    ),
    outboxBodies: await affected(
      db
        .update(notificationOutbox)
        .set({ subject: placeholder, body: placeholder })
        .where(
          and(
            sql`${notificationOutbox.status} = 'sent'`,
            isNotNull(notificationOutbox.sentAt),
            lt(notificationOutbox.sentAt, before(retention.outboxDays * DAY)),
            // Already blanked (by this period or another): not counted again.
            sql`${notificationOutbox.body} not like '[đã xoá sau %'`,
          ),
        )
        .returning({ id: notificationOutbox.id }),
    ),
    sandboxMessages: await affected(
      db
        .delete(sandboxMessages)
        .where(lt(sandboxMessages.createdAt, before(retention.sandboxDays * DAY)))
        .returning({ id: sandboxMessages.id }),
    ),
    sessions: await affected(
      db
        .delete(sessions)
        .where(lt(sessions.expiresAt, before(retention.sessionsDays * DAY)))
        .returning({ tokenHash: sessions.tokenHash }),
    ),
    oneTimeCodes: await affected(
      db
        .delete(oneTimeCodes)
        .where(
          and(
            lt(oneTimeCodes.createdAt, before(ONE_TIME_CODE_DAYS * DAY)),
            or(isNotNull(oneTimeCodes.usedAt), lt(oneTimeCodes.expiresAt, new Date(now))),
          ),
        )
        .returning({ id: oneTimeCodes.id }),
    ),
  };
  return counts;
}

export const totalPurged = (c: PurgeCounts) => Object.values(c).reduce((a, b) => a + b, 0);
