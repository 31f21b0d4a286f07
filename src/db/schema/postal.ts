// Public postal service: shipments, their status events and handover lists.
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';

/** Public postal service shipments: dossiers picked up from applicants, results sent back to them. */
export const postalShipments = pgTable(
  'postal_shipments',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id').notNull(),
    kind: text('kind', { enum: ['pickup', 'return'] }).notNull(),
    carrier: text('carrier').notNull(),
    trackingNumber: text('tracking_number').notNull(),
    status: text('status').notNull(),
    dossierId: uuid('dossier_id'),
    /** {name, phone, address} of the applicant (the sender of a pick-up, the recipient of a return). */
    applicant: jsonb('applicant').notNull(),
    /** VND, integer. */
    fee: integer('fee').notNull().default(0),
    note: text('note'),
    handoverListId: uuid('handover_list_id'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('postal_shipments_tracking_uq').on(t.carrier, t.trackingNumber),
    index('postal_shipments_unit_idx').on(t.unitId, t.status, t.createdAt),
    index('postal_shipments_dossier_idx').on(t.dossierId),
  ],
);

/** Every status a shipment went through, from the carrier's webhook or the counter. */
export const postalShipmentEvents = pgTable(
  'postal_shipment_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    shipmentId: uuid('shipment_id').notNull(),
    status: text('status').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    source: text('source').notNull(),
    payload: jsonb('payload').notNull().default({}),
  },
  (t) => [index('postal_shipment_events_shipment_idx').on(t.shipmentId, t.at)],
);

/** Lists of shipments handed over between the counter and the postman, signed on paper by both. */
export const postalHandoverLists = pgTable(
  'postal_handover_lists',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id').notNull(),
    number: text('number').notNull(),
    postmanName: text('postman_name').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('postal_handover_lists_number_uq').on(t.unitId, t.number)],
);
