/**
 * Activity roll-ups (src/domain/statistics/activity.ts): what was done, added per receiving unit,
 * procedure, officer and local day, month and year in the same transaction as the thing itself
 * (a dossier event, a payment, a rating), and read back for any period as a handful of bucket
 * ranges (`coveringBuckets`) instead of scanning events, payments and ratings.
 */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { upsertBuckets } from '../../db/bulk.ts';
import { type Db, rowsOf, timestampOf } from '../../db/client.ts';
import { dossiers, onlineApplications, payments, ratings } from '../../db/schema.ts';
import { localDateOf, TIME_ZONE } from '../../domain/calendar/index.ts';
import {
  ACTIVITY_AMOUNT_COLUMNS,
  ACTIVITY_COLUMNS,
  type ActivityColumn,
  type ActivityItem,
  addActivity,
  coveringBuckets,
  paymentActivity,
  type RatingLevel,
  ratingActivity,
} from '../../domain/statistics/activity.ts';
import { bucketsOf, type Grain } from '../../domain/statistics/marks.ts';
import { type ActivityVector, zeroActivity } from '../../domain/statistics/activity.ts';

/** Stands for "nobody here" in the officer column (a key column cannot be null). */
export const NO_OFFICER = '00000000-0000-0000-0000-000000000000';
/** Stands for "no procedure": a counter rating of a ticket not linked to a dossier. */
export const NO_PROCEDURE = '00000000-0000-0000-0000-000000000000';

const snake = (c: string) => c.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);
export const ACTIVITY_SQL: Record<ActivityColumn, string> = Object.fromEntries(
  ACTIVITY_COLUMNS.map((c) => [c, snake(c)]),
) as Record<ActivityColumn, string>;

const TABLES: Record<Grain, string> = {
  y: 'report_activity_y',
  m: 'report_activity_m',
  d: 'report_activity_d',
};
const KEY_COLUMNS = [
  { name: 'unit_id', type: 'uuid' },
  { name: 'bucket', type: 'date' },
  { name: 'procedure_id', type: 'uuid' },
  { name: 'officer_id', type: 'uuid' },
];
const VALUE_COLUMNS = ACTIVITY_COLUMNS.map((c) => ({
  name: ACTIVITY_SQL[c],
  type: ACTIVITY_AMOUNT_COLUMNS.has(c) ? 'bigint' : 'int',
}));

/** Where activity is counted: the dossier's receiving unit and its procedure. */
export interface ActivityPlace {
  unitId: string;
  procedureId: string;
}

/** Adds activity items into their day, month and year buckets. */
export async function writeActivity(
  tx: Db,
  entries: ReadonlyArray<{ place: ActivityPlace; items: readonly ActivityItem[] }>,
): Promise<void> {
  const buckets = new Map<string, { grain: Grain; keys: string[]; v: ActivityVector }>();
  for (const { place, items } of entries)
    for (const item of items) {
      const b = bucketsOf(item.at, TIME_ZONE);
      for (const [grain, bucket] of [
        ['d', b.day],
        ['m', b.month],
        ['y', b.year],
      ] as const) {
        const keys = [place.unitId, bucket, place.procedureId, item.officerId ?? NO_OFFICER];
        const id = `${grain}|${keys.join('|')}`;
        const entry = buckets.get(id) ?? { grain, keys, v: zeroActivity() };
        buckets.set(id, entry);
        addActivity(entry.v, item.delta);
      }
    }
  if (!buckets.size) return;
  await upsertBuckets(
    tx,
    TABLES,
    KEY_COLUMNS,
    VALUE_COLUMNS,
    [...buckets.values()].map((b) => ({
      grain: b.grain,
      keys: b.keys,
      values: ACTIVITY_COLUMNS.map((c) => b.v[c]),
    })),
  );
}

/** The procedure a payment is for: its dossier's, else its online application's. */
async function paymentPlace(tx: Db, p: typeof payments.$inferSelect): Promise<ActivityPlace | null> {
  if (p.dossierId) {
    const [d] = await tx
      .select({ unitId: dossiers.receivingUnitId, procedureId: dossiers.procedureId })
      .from(dossiers)
      .where(eq(dossiers.id, p.dossierId));
    if (d) return d;
  }
  if (p.applicationId) {
    const [a] = await tx
      .select({ procedureId: onlineApplications.procedureId })
      .from(onlineApplications)
      .where(eq(onlineApplications.id, p.applicationId));
    if (a) return { unitId: p.unitId, procedureId: a.procedureId };
  }
  return null;
}

/** Counts a payment that has just been paid (inside its transaction). */
export async function recordPaymentActivity(tx: Db, paymentId: string): Promise<void> {
  const [p] = await tx.select().from(payments).where(eq(payments.id, paymentId));
  if (!p?.paidAt) return;
  const place = await paymentPlace(tx, p);
  if (!place) return;
  await writeActivity(tx, [{ place, items: [paymentActivity({ ...p, paidAt: p.paidAt })] }]);
}

/** Ratings with where they count (their unit, their dossier's procedure), as activity entries. */
async function ratingEntries(
  db: Db,
  where: ReturnType<typeof sql>,
  limit?: number,
): Promise<Array<{ id: string; place: ActivityPlace; items: ActivityItem[] }>> {
  const query = db
    .select({
      id: ratings.id,
      createdAt: ratings.createdAt,
      level: ratings.level,
      officerId: ratings.officerId,
      unitId: ratings.unitId,
      procedureId: dossiers.procedureId,
    })
    .from(ratings)
    .innerJoin(dossiers, eq(dossiers.id, ratings.dossierId))
    .where(where)
    .orderBy(asc(ratings.id));
  const rows = limit ? await query.limit(limit) : await query;
  return rows.map((r) => ({
    id: r.id,
    place: { unitId: r.unitId, procedureId: r.procedureId },
    items: [ratingActivity({ at: r.createdAt, level: r.level as RatingLevel, officerId: r.officerId })],
  }));
}

/** Counts a rating that has just been given (inside its transaction). */
export async function recordRatingActivity(tx: Db, ratingId: string): Promise<void> {
  await writeActivity(tx, await ratingEntries(tx, sql`${ratings.id} = ${ratingId}::uuid`));
}

/**
 * The last local date of `from..to` that can hold activity: nothing is counted after now (a frozen
 * clock in a test or a replay may stand before later events; the processing report stops at now too).
 */
export function lastActivityDay(to: string, now: Date): string {
  const today = localDateOf(now, TIME_ZONE);
  return to.localeCompare(today) <= 0 ? to : today;
}

export type ActivityKey = 'unit' | 'procedure' | 'officer' | null;

/**
 * The activity of these units in the local dates `from`..`to` (inclusive), per unit, procedure or
 * officer (key `''` for all together; officer `NO_OFFICER` for work credited to nobody).
 */
export async function activityTotals(
  db: Db,
  unitIds: readonly string[],
  from: string,
  to: string,
  by: ActivityKey,
): Promise<Map<string, ActivityVector>> {
  const out = new Map<string, ActivityVector>();
  if (unitIds.length === 0 || to < from) return out;
  const ids = sql.join(
    unitIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const cols = sql.raw(`unit_id, procedure_id, officer_id, ${VALUE_COLUMNS.map((c) => c.name).join(', ')}`);
  const parts = coveringBuckets(from, to).map(
    (r) =>
      sql`select ${cols} from ${sql.raw(TABLES[r.grain])} where unit_id in (${ids}) and bucket >= ${r.from}::date and bucket <= ${r.to}::date`,
  );
  const key = sql.raw(by === null ? "''" : `${by}_id::text`);
  // Sums as text: bigint amounts do not fit every driver's number parsing the same way.
  const sums = sql.raw(ACTIVITY_COLUMNS.map((c) => `sum(${ACTIVITY_SQL[c]})::text as "${c}"`).join(', '));
  const result = await db.execute(
    sql`select ${key} as key, ${sums} from (${sql.join(parts, sql` union all `)}) a group by 1`,
  );
  for (const row of rowsOf<Record<string, unknown>>(result)) {
    const v = zeroActivity();
    for (const c of ACTIVITY_COLUMNS) v[c] = Number(row[c] ?? 0);
    out.set(String(row.key ?? ''), v);
  }
  return out;
}

/** All the activity in one vector (the sum of a keyed map). */
export function sumActivity(m: ReadonlyMap<string, ActivityVector>): ActivityVector {
  const v = zeroActivity();
  for (const x of m.values()) addActivity(v, x);
  return v;
}

/**
 * Payments and ratings counted again from their tables (a rebuild): each paid payment and each
 * rating once. Dossier events are recounted with the marks (report-rollups.ts).
 */
export async function rebuildPaymentAndRatingActivity(db: Db): Promise<void> {
  for (let after = NO_OFFICER; ; ) {
    const batch = await db
      .select()
      .from(payments)
      .where(sql`${payments.id} > ${after}::uuid and ${payments.paidAt} is not null`)
      .orderBy(asc(payments.id))
      .limit(2000);
    if (!batch.length) break;
    after = batch[batch.length - 1]!.id;
    await db.transaction(async (tx) => {
      const places = new Map<string, ActivityPlace>();
      const dossierIds = batch.flatMap((p) => (p.dossierId ? [p.dossierId] : []));
      if (dossierIds.length)
        for (const d of await tx
          .select({ id: dossiers.id, unitId: dossiers.receivingUnitId, procedureId: dossiers.procedureId })
          .from(dossiers)
          .where(inArray(dossiers.id, dossierIds)))
          places.set(d.id, d);
      const entries: Array<{ place: ActivityPlace; items: ActivityItem[] }> = [];
      for (const p of batch) {
        const place =
          (p.dossierId && places.get(p.dossierId)) || (await paymentPlace(tx as unknown as Db, p));
        if (place) entries.push({ place, items: [paymentActivity({ ...p, paidAt: p.paidAt! })] });
      }
      await writeActivity(tx as unknown as Db, entries);
    });
  }
  for (let after = NO_OFFICER; ; ) {
    const batch = await ratingEntries(db, sql`${ratings.id} > ${after}::uuid`, 2000);
    if (!batch.length) break;
    after = batch[batch.length - 1]!.id;
    await db.transaction(async (tx) => writeActivity(tx as unknown as Db, batch));
  }
  // Ratings given on the counters' tablets (with their dossier's procedure when linked).
  for (let after = NO_OFFICER; ; ) {
    const batch = rowsOf<{
      id: string;
      created_at: string | Date;
      level: RatingLevel;
      officer_id: string | null;
      unit_id: string;
      procedure_id: string | null;
    }>(
      await db.execute(sql`
        select r.id, r.created_at, r.level, r.officer_id, r.unit_id, d.procedure_id
        from counter_ratings r left join dossiers d on d.id = r.dossier_id
        where r.id > ${after}::uuid order by r.id limit 2000`),
    );
    if (!batch.length) break;
    after = batch[batch.length - 1]!.id;
    await db.transaction(async (tx) =>
      writeActivity(
        tx as unknown as Db,
        batch.map((r) => ({
          place: { unitId: r.unit_id, procedureId: r.procedure_id ?? NO_PROCEDURE },
          items: [ratingActivity({ at: timestampOf(r.created_at), level: r.level, officerId: r.officer_id })],
        })),
      ),
    );
  }
}

/** True when dossiers exist but no activity does (a database from before the activity roll-ups). */
export async function activityMissing(db: Db): Promise<boolean> {
  const [row] = rowsOf<{ missing: boolean }>(
    await db.execute(
      sql`select exists(select 1 from dossiers) and not exists(select 1 from report_activity_y) as missing`,
    ),
  );
  return Boolean(row?.missing);
}

export { zeroActivity, type ActivityVector };
