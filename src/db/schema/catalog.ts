// The procedure catalog: fields, procedures, their versions and the units that handle them.
import { sql } from 'drizzle-orm';
import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';

export const fields = pgTable(
  'fields',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [uniqueIndex('fields_code_uq').on(t.code)],
);

/**
 * A procedure and, denormalised, the version in force today (for search and lists).
 * The full content of every version lives in procedure_versions.
 */
export const procedures = pgTable(
  'procedures',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    status: text('status', { enum: ['active', 'retired'] })
      .notNull()
      .default('active'),
    fieldId: uuid('field_id').notNull(),
    name: text('name').notNull(),
    /** Name folded to lowercase ASCII (no diacritics), for search. */
    searchName: text('search_name').notNull(),
    /** Code, name, field and result folded, for the broader match. */
    searchText: text('search_text').notNull(),
    levels: text('levels').array().notNull(),
    onlineLevel: text('online_level').notNull(),
    processingTime: jsonb('processing_time').notNull(),
    processingTimeText: text('processing_time_text'),
    feeFrom: integer('fee_from'),
    currentVersion: integer('current_version').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('procedures_code_uq').on(t.code),
    index('procedures_field_idx').on(t.fieldId),
    index('procedures_search_name_trgm').using('gin', sql`${t.searchName} gin_trgm_ops`),
    index('procedures_search_text_trgm').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);

/**
 * One row whose counter moves with every catalog change, in the same transaction: each process's
 * in-memory search index compares it on every search and reloads when it moved.
 */
export const catalogRevision = pgTable('catalog_revision', {
  id: integer('id').primaryKey(),
  revision: integer('revision').notNull(),
});

export const procedureVersions = pgTable(
  'procedure_versions',
  {
    id: uuid('id').primaryKey(),
    procedureId: uuid('procedure_id').notNull(),
    number: integer('number').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    /** The whole procedure content as validated by the catalog schema. */
    data: jsonb('data').notNull(),
    changeNote: text('change_note'),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('procedure_versions_uq').on(t.procedureId, t.number)],
);

export const procedureUnits = pgTable(
  'procedure_units',
  {
    procedureId: uuid('procedure_id').notNull(),
    unitId: uuid('unit_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.procedureId, t.unitId] }), index('procedure_units_unit_idx').on(t.unitId)],
);
