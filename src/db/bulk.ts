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
