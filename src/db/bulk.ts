/**
 * Many rows in one statement: one array parameter per column, unnested by the server. Drizzle's
 * multi-row insert builds and binds one parameter per value, which dominates the time of an
 * import; this sends a fixed number of parameters whatever the row count (PostgreSQL and PGlite).
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from './client.ts';

export interface BulkColumn {
  /** SQL column name. */
  name: string;
  /** SQL element type of the array: uuid, text, int, smallint, jsonb, timestamptz, date… */
  type: string;
  /** One value per row (jsonb: already JSON text; timestamptz: Date or ISO text; null allowed). */
  values: unknown[];
}

export async function bulkInsert(
  tx: Db,
  table: string,
  columns: BulkColumn[],
  suffix: SQL = sql``,
): Promise<void> {
  const rows = columns[0]?.values.length ?? 0;
  if (rows === 0) return;
  const names = sql.raw(columns.map((c) => `"${c.name}"`).join(', '));
  const arrays = sql.join(
    columns.map((c) => {
      const values =
        c.type === 'timestamptz' ? c.values.map((v) => (v instanceof Date ? v.toISOString() : v)) : c.values;
      return sql`${sql.param(values)}::${sql.raw(c.type)}[]`;
    }),
    sql`, `,
  );
  await tx.execute(
    sql`insert into ${sql.raw(`"${table}"`)} (${names}) select * from unnest(${arrays}) ${suffix}`,
  );
}

/** One bucket's change: its key columns' values and the amounts to add to its counter columns. */
export interface BucketDelta<G extends string> {
  grain: G;
  keys: readonly string[];
  values: readonly number[];
}

/**
 * Adds deltas into roll-up buckets (insert, or add to the row there), in key order: two
 * transactions touching the same buckets lock them in the same order, so they queue rather than
 * deadlock. `keyColumns` are the conflict key, in the order of each delta's `keys`; `valueColumns`
 * the counters, in the order of its `values`, each with its SQL type.
 */
export async function upsertBuckets<G extends string>(
  tx: Db,
  tables: Record<G, string>,
  keyColumns: ReadonlyArray<{ name: string; type: string }>,
  valueColumns: ReadonlyArray<{ name: string; type: string }>,
  deltas: readonly BucketDelta<G>[],
): Promise<void> {
  const rows = deltas
    .filter((d) => d.values.some((v) => v !== 0))
    .sort((a, b) => {
      const ka = a.keys.join('|');
      const kb = b.keys.join('|');
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
  for (const grain of Object.keys(tables) as G[]) {
    const table = tables[grain];
    const mine = rows.filter((r) => r.grain === grain);
    if (!mine.length) continue;
    await bulkInsert(
      tx,
      table,
      [
        ...keyColumns.map((k, i) => ({ name: k.name, type: k.type, values: mine.map((r) => r.keys[i]) })),
        ...valueColumns.map((c, i) => ({ name: c.name, type: c.type, values: mine.map((r) => r.values[i]) })),
      ],
      sql.raw(
        `on conflict (${keyColumns.map((k) => k.name).join(', ')}) do update set ${valueColumns
          .map((c) => `${c.name} = ${table}.${c.name} + excluded.${c.name}`)
          .join(', ')}`,
      ),
    );
  }
}
