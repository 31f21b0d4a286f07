// Dossiers: process definitions, dossiers, their events, code counters, idempotency keys and reception slips.
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

/** Process definitions (workflow as data), versioned: a dossier pins code + version. */
export const processDefinitions = pgTable(
  'process_definitions',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    definition: jsonb('definition').notNull(),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('process_definitions_uq').on(t.code, t.version)],
);

/**
 * Dossiers: a projection of their events (status, step, clock) kept in the same transaction as
 * each event, for lists and reports. The events are the record.
 */
export const dossiers = pgTable(
  'dossiers',
  {
    id: uuid('id').primaryKey(),
    jurisdictionId: uuid('jurisdiction_id').notNull(),
    code: text('code').notNull(),
    procedureId: uuid('procedure_id').notNull(),
    procedureCode: text('procedure_code').notNull(),
    procedureVersion: integer('procedure_version').notNull(),
    processCode: text('process_code').notNull(),
    processVersion: integer('process_version').notNull(),
    receivingUnitId: uuid('receiving_unit_id').notNull(),
    currentUnitId: uuid('current_unit_id').notNull(),
    channel: text('channel', { enum: ['counter', 'online', 'postal'] }).notNull(),
    applicant: jsonb('applicant').notNull(),
    applicantIdNumber: text('applicant_id_number'),
    applicantSearch: text('applicant_search').notNull(),
    formData: jsonb('form_data').notNull(),
    documents: jsonb('documents').notNull(),
    resultDelivery: text('result_delivery', { enum: ['counter', 'postal', 'online'] }).notNull(),
    deliveryAddress: text('delivery_address'),
    /** Fees payable, chosen at reception from the procedure version's fee table: [{amount, condition}]. */
    fees: jsonb('fees').notNull().default([]),
    /** Number of sets (bộ hồ sơ) handed in. */
    sets: integer('sets').notNull().default(1),
    status: text('status').notNull(),
    step: text('step'),
    assigneeId: uuid('assignee_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    appointmentAt: timestamp('appointment_at', { withTimezone: true }).notNull(),
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Sequence number of the last event: the optimistic-concurrency version. */
    version: integer('version').notNull(),
    /** Linked procedures submitted once (e.g. death registration + residence + allowance). */
    bundleId: uuid('bundle_id'),
    createdBy: uuid('created_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('dossiers_code_uq').on(t.code),
    index('dossiers_receiving_idx').on(t.receivingUnitId, t.receivedAt),
    index('dossiers_current_idx').on(t.currentUnitId, t.status),
    index('dossiers_status_due_idx').on(t.status, t.dueAt),
    index('dossiers_id_number_idx').on(t.applicantIdNumber),
    index('dossiers_jurisdiction_idx').on(t.jurisdictionId, t.receivedAt),
    index('dossiers_bundle_idx').on(t.bundleId),
    // When each dossier was in hand, [received, first finished]: the reports' stock lists (in progress,
    // overdue, carried over at an instant) find their dossiers here instead of scanning every mark.
    index('dossiers_in_hand_idx').using(
      'gist',
      // least(): a range never starts after it ends, whatever the data (an error here would fail the insert).
      sql`tstzrange(least(${t.receivedAt}, coalesce(${t.resolvedAt}, ${t.closedAt})), coalesce(${t.resolvedAt}, ${t.closedAt}), '[]')`,
    ),
  ],
);

/** The append-only history of each dossier, hash-chained per dossier. */
export const dossierEvents = pgTable(
  'dossier_events',
  {
    dossierId: uuid('dossier_id').notNull(),
    seq: integer('seq').notNull(),
    jurisdictionId: uuid('jurisdiction_id').notNull(),
    type: text('type').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    step: text('step'),
    unitId: uuid('unit_id'),
    payload: jsonb('payload').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.dossierId, t.seq] }),
    index('dossier_events_type_at_idx').on(t.type, t.at),
  ],
);

/** Per-unit, per-local-day counters behind dossier codes: incremented in the intake transaction, so no gaps. */
export const dossierCodeCounters = pgTable(
  'dossier_code_counters',
  {
    unitId: uuid('unit_id').notNull(),
    localDate: date('local_date', { mode: 'string' }).notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.localDate] })],
);

/** Idempotency keys of intake requests: the same key and body return the same dossier. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    dossierId: uuid('dossier_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

/** Slips issued at the counter without receiving: guidance to complete (Mẫu 02) or refusal (Mẫu 03). */
export const receptionSlips = pgTable(
  'reception_slips',
  {
    id: uuid('id').primaryKey(),
    jurisdictionId: uuid('jurisdiction_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    kind: text('kind', { enum: ['guidance', 'refusal'] }).notNull(),
    number: text('number').notNull(),
    procedureCode: text('procedure_code').notNull(),
    applicant: jsonb('applicant').notNull(),
    items: jsonb('items').notNull(),
    reason: text('reason').notNull(),
    officerId: uuid('officer_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('reception_slips_unit_idx').on(t.unitId, t.createdAt)],
);
