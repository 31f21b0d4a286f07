// The counter hall: queue services, counters, ticket numbers, tickets, their events and counter tablets.
import {
  bigserial,
  boolean,
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

/**
 * Queue services of a unit's hall: a group of fields with its ticket prefix (tickets "1025", "2007"…),
 * shown on the kiosk in `sort` order.
 */
export const queueServices = pgTable(
  'queue_services',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    /** Field codes (lĩnh vực) the service covers. */
    fieldCodes: jsonb('field_codes').notNull().default([]),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
  },
  (t) => [uniqueIndex('queue_services_unit_code_uq').on(t.unitId, t.code)],
);

/** Counters (quầy) of a unit's hall: the services each serves and the officer at it now. */
export const queueCounters = pgTable(
  'queue_counters',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id').notNull(),
    number: integer('number').notNull(),
    name: text('name').notNull(),
    serviceCodes: jsonb('service_codes').notNull().default([]),
    officerId: uuid('officer_id'),
    open: boolean('open').notNull().default(true),
  },
  (t) => [uniqueIndex('queue_counters_unit_number_uq').on(t.unitId, t.number)],
);

/** Per-unit, per-service, per-local-day ticket numbers: incremented with the ticket, so no gaps. */
export const queueNumberCounters = pgTable(
  'queue_number_counters',
  {
    unitId: uuid('unit_id').notNull(),
    serviceCode: text('service_code').notNull(),
    localDate: date('local_date', { mode: 'string' }).notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.serviceCode, t.localDate] })],
);

/** Queue tickets; their history is in `queue_events`. */
export const queueTickets = pgTable(
  'queue_tickets',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id').notNull(),
    serviceCode: text('service_code').notNull(),
    localDate: date('local_date', { mode: 'string' }).notNull(),
    number: integer('number').notNull(),
    label: text('label').notNull(),
    priority: text('priority'),
    status: text('status').notNull(),
    /** When it joined its service's queue (taken, or transferred). */
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull(),
    counterId: uuid('counter_id'),
    officerId: uuid('officer_id'),
    recalls: integer('recalls').notNull().default(0),
    calledAt: timestamp('called_at', { withTimezone: true }),
    servingAt: timestamp('serving_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    dossierId: uuid('dossier_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('queue_tickets_number_uq').on(t.unitId, t.localDate, t.serviceCode, t.number),
    index('queue_tickets_waiting_idx').on(t.unitId, t.status, t.queuedAt),
    index('queue_tickets_day_idx').on(t.unitId, t.localDate),
  ],
);

/** Everything that happened to a ticket (taken, called, recalled, started, finished, no-show, transferred, linked). */
export const queueEvents = pgTable(
  'queue_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ticketId: uuid('ticket_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    type: text('type').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    counterId: uuid('counter_id'),
    actorId: uuid('actor_id'),
    payload: jsonb('payload').notNull().default({}),
  },
  (t) => [
    index('queue_events_ticket_idx').on(t.ticketId, t.at),
    index('queue_events_unit_idx').on(t.unitId, t.at),
  ],
);

/**
 * A counter's satisfaction tablet (issue 14 §3): bound to its counter by a device key that a unit
 * administrator issues and can revoke. Only the key's SHA-256 is stored.
 */
export const counterDevices = pgTable(
  'counter_devices',
  {
    id: uuid('id').primaryKey(),
    counterId: uuid('counter_id').notNull(),
    name: text('name').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    /** The first characters of the key, to tell devices apart (never enough to use it). */
    prefix: text('prefix').notNull(),
    issuedBy: uuid('issued_by'),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by'),
  },
  (t) => [index('counter_devices_counter_idx').on(t.counterId)],
);
