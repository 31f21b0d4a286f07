import { eq, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.ts';
import { rateLimits } from '../../db/schema.ts';

export interface WindowCount {
  count: number;
  resetAt: Date;
}

/**
 * Adds one hit to a fixed-window counter kept in the database, so every server process shares it.
 * Returns the count in the current window (this hit included).
 */
export async function hitWindow(db: Db, key: string, windowMs: number, now: Date): Promise<WindowCount> {
  const seconds = windowMs / 1000;
  const result = await db.execute(sql`
    insert into ${rateLimits} (key, window_start, count) values (${key}, ${now.toISOString()}, 1)
    on conflict (key) do update set
      count = case when ${rateLimits.windowStart} + make_interval(secs => ${seconds}) <= ${now.toISOString()}::timestamptz
                   then 1 else ${rateLimits.count} + 1 end,
      window_start = case when ${rateLimits.windowStart} + make_interval(secs => ${seconds}) <= ${now.toISOString()}::timestamptz
                   then ${now.toISOString()}::timestamptz else ${rateLimits.windowStart} end
    returning count, window_start`);
  const [row] = rowsOf<{ count: number; window_start: string | Date }>(result);
  const start = new Date(row!.window_start);
  return { count: Number(row!.count), resetAt: new Date(start.getTime() + windowMs) };
}

/** The count in the current window without adding a hit (0 when the window has expired). */
export async function peekWindow(db: Db, key: string, windowMs: number, now: Date): Promise<WindowCount> {
  const [row] = await db.select().from(rateLimits).where(eq(rateLimits.key, key)).limit(1);
  if (!row || row.windowStart.getTime() + windowMs <= now.getTime()) return { count: 0, resetAt: now };
  return { count: row.count, resetAt: new Date(row.windowStart.getTime() + windowMs) };
}

/** Gives back one hit of the current window (a login that succeeded after being counted). */
export async function releaseHit(db: Db, key: string): Promise<void> {
  await db
    .update(rateLimits)
    .set({ count: sql`greatest(${rateLimits.count} - 1, 0)` })
    .where(eq(rateLimits.key, key));
}

export async function resetWindow(db: Db, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}
