// Home service requests (collecting dossiers, bringing results at home) and their events.
import { bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';

/**
 * Home service (thu nhận và trả kết quả tại nhà) for people who cannot travel: an officer collects
 * the dossier or brings the result at a scheduled time. Tracked like a postal shipment.
 */
export const homeServiceRequests = pgTable(
  'home_service_requests',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id').notNull(),
    /** Reference the citizen quotes, e.g. TN-20261207-003 (per unit and day). */
    code: text('code').notNull(),
    kind: text('kind', { enum: ['pickup', 'return'] }).notNull(),
    requestedVia: text('requested_via', { enum: ['online', 'hotline', 'counter'] }).notNull(),
    status: text('status', { enum: ['requested', 'scheduled', 'done', 'failed', 'cancelled'] }).notNull(),
    dossierId: uuid('dossier_id'),
    procedureCode: text('procedure_code'),
    /** {name, phone, address}. */
    applicant: jsonb('applicant').notNull(),
    /** Why the citizen cannot travel: elderly, disabled, ill, other (with the note). */
    reason: text('reason', { enum: ['elderly', 'disabled', 'ill', 'other'] }).notNull(),
    note: text('note'),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    officerId: uuid('officer_id'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('home_service_requests_code_uq').on(t.code),
    index('home_service_requests_unit_idx').on(t.unitId, t.status, t.createdAt),
    index('home_service_requests_dossier_idx').on(t.dossierId),
  ],
);

/** Every status a home-service request went through, who moved it and why. */
export const homeServiceEvents = pgTable(
  'home_service_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    requestId: uuid('request_id').notNull(),
    status: text('status').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    note: text('note'),
    payload: jsonb('payload').notNull().default({}),
  },
  (t) => [index('home_service_events_request_idx').on(t.requestId, t.at)],
);
