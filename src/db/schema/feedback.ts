// Feedback and ratings: dossier ratings, feedback and complaints, counter ratings and the hotline call log.
import {
  boolean,
  date,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';

/**
 * Satisfaction ratings (the national portal's four levels), one per dossier, with optional
 * per-criterion levels; linked to the unit and the officers who handled the dossier.
 */
export const ratings = pgTable(
  'ratings',
  {
    id: uuid('id').primaryKey(),
    jurisdictionId: uuid('jurisdiction_id').notNull(),
    dossierId: uuid('dossier_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    /** The officer who received the dossier (the one the applicant met). */
    officerId: uuid('officer_id'),
    level: text('level', { enum: ['very_satisfied', 'satisfied', 'neutral', 'not_satisfied'] }).notNull(),
    criteria: jsonb('criteria').notNull().default({}),
    comment: text('comment'),
    channel: text('channel').notNull().default('tracking'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('ratings_dossier_uq').on(t.dossierId),
    index('ratings_unit_idx').on(t.unitId, t.createdAt),
  ],
);

/** Feedback and complaints (phản ánh, kiến nghị), from the portal, the hotline or Open311 clients. */
export const feedback = pgTable(
  'feedback',
  {
    id: uuid('id').primaryKey(),
    jurisdictionId: uuid('jurisdiction_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    category: text('category').notNull(),
    text: text('text').notNull(),
    dossierCode: text('dossier_code'),
    submitter: jsonb('submitter').notNull(),
    publishConsent: boolean('publish_consent').notNull().default(false),
    status: text('status', { enum: ['open', 'in_progress', 'answered', 'closed'] })
      .notNull()
      .default('open'),
    answer: text('answer'),
    answeredBy: uuid('answered_by'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /** Legal deadline for the answer (working days from receipt). */
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    source: text('source').notNull().default('portal'),
    address: text('address'),
    lat: text('lat'),
    long: text('long'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('feedback_unit_idx').on(t.unitId, t.createdAt),
    index('feedback_status_idx').on(t.status, t.dueAt),
  ],
);

/**
 * Ratings given on the counter's tablet right after service: of the officer who served the ticket
 * (and the dossier received, when linked). One per ticket.
 */
export const counterRatings = pgTable(
  'counter_ratings',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id').notNull(),
    counterId: uuid('counter_id').notNull(),
    ticketId: uuid('ticket_id').notNull(),
    dossierId: uuid('dossier_id'),
    officerId: uuid('officer_id'),
    level: text('level', { enum: ['very_satisfied', 'satisfied', 'neutral', 'not_satisfied'] }).notNull(),
    reasons: jsonb('reasons').notNull().default([]),
    comment: text('comment'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('counter_ratings_ticket_uq').on(t.ticketId),
    index('counter_ratings_unit_idx').on(t.unitId, t.createdAt),
  ],
);

/**
 * The hotline's call log: what each call was for (guidance, a postal pick-up or home return, feedback
 * or a complaint, a report on an officer's attitude), what it is linked to, and its follow-up.
 */
export const hotlineCalls = pgTable(
  'hotline_calls',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id').notNull(),
    purpose: text('purpose', { enum: ['guidance', 'postal', 'feedback', 'attitude'] }).notNull(),
    callerName: text('caller_name'),
    callerPhone: text('caller_phone'),
    summary: text('summary').notNull(),
    procedureCode: text('procedure_code'),
    dossierId: uuid('dossier_id'),
    feedbackId: uuid('feedback_id'),
    shipmentId: uuid('shipment_id'),
    /** The officer a report on attitude is about. */
    officerId: uuid('officer_id'),
    followUpDue: date('follow_up_due', { mode: 'string' }),
    followUpDoneAt: timestamp('follow_up_done_at', { withTimezone: true }),
    followUpNote: text('follow_up_note'),
    receivedBy: uuid('received_by').notNull(),
    receivedByName: text('received_by_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('hotline_calls_unit_idx').on(t.unitId, t.createdAt),
    index('hotline_calls_officer_idx').on(t.officerId, t.createdAt),
  ],
);
